// Which of the widget's languages a page asks for: the first language tag found (the element's
// `lang`, an ancestor's, the document's) decides; a language the widget does not speak gets English.
import { UI_LANGUAGES, type UiLanguage } from "./ui-strings";

/** Tags in order of precedence; empty ones (lang="") are passed over. */
export function chooseLanguage(tags: readonly (string | null | undefined)[]): UiLanguage {
  const tag = tags.find((candidate) => candidate?.trim());
  return tag ? matchLanguage(tag.trim()) : "en";
}

export function matchLanguage(tag: string): UiLanguage {
  const [language = "", ...subtags] = tag.toLowerCase().split(/[-_]/);
  if (language === "sr") return serbianScript(subtags);
  return UI_LANGUAGES.find((known) => known === language) ?? "en";
}

/** Serbian is Cyrillic unless the tag names Latin script, or Montenegro, where Latin is the default. */
function serbianScript(subtags: readonly string[]): UiLanguage {
  const script = subtags.find((subtag) => subtag.length === 4);
  if (script) return script === "latn" ? "sr-Latn" : "sr";
  return subtags.includes("me") ? "sr-Latn" : "sr";
}

/** The lang of the element or its nearest ancestor, crossing shadow roots to their hosts. */
export function inheritedLanguageTags(element: Element): string[] {
  const tags: string[] = [];
  for (let node: Element | null = element; node; node = parentAcrossShadow(node)) {
    const tag = node.getAttribute("lang");
    if (tag) tags.push(tag);
  }
  return tags;
}

function parentAcrossShadow(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}
