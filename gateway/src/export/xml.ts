// Escaping for the XML formats. XML 1.0 cannot carry most control characters even as character
// references, so they are dropped rather than written into a file parsers reject.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlChars(value: string): string {
  return value.replace(NOT_XML_CHAR, "");
}

const TEXT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" };
// Parsers normalise a literal tab or line break inside an attribute value to a space; references keep it.
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': "&quot;",
  "\t": "&#9;",
  "\n": "&#10;",
};

export function xmlText(value: string): string {
  return xmlChars(value).replace(/[&<>\r]/g, (char) => TEXT_ESCAPES[char]);
}

export function xmlAttribute(value: string): string {
  return xmlChars(value).replace(/[&<>"\t\n\r]/g, (char) => ATTRIBUTE_ESCAPES[char]);
}
