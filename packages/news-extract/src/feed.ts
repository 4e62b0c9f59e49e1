// The entries of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, each with its link, title, publication day and
// text (the entry's HTML turned into text by the page cleaner). Broken XML is an IngestError BROKEN_FEED
// carrying the parser's reason and line.

import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import { IngestError } from "./errors";
import { collapseWhitespace, htmlText, isoDay } from "./html";

export interface FeedEntry {
  url: string | null;
  title: string;
  /** YYYY-MM-DD */
  publishedOn: string | null;
  /** the entry's HTML (content:encoded, description, Atom content/summary of type html or xhtml) */
  html: string | null;
  /** the entry's text: its HTML cleaned, or its plain-text content; null when it has none */
  text: string | null;
  /** the entry's or the feed's language (`<language>`, `dc:language`, `xml:lang`), as written */
  language?: string | null;
}

type XmlValue = string | number | boolean | XmlObject | XmlValue[] | undefined;
interface XmlObject {
  [name: string]: XmlValue;
}

const ATTRIBUTE = "@_";
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE,
  // titles like "2016" stay strings
  parseTagValue: false,
  // numeric references (&#269;) and HTML names (&nbsp;) are decoded too, not only the five XML ones
  htmlEntities: true,
  isArray: (name) => name === "item" || name === "entry" || name === "link",
});
const xhtmlBuilder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: ATTRIBUTE });

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** The feed's entries in document order; IngestError BROKEN_FEED for XML that does not parse. */
export function parseFeed(xml: string): FeedEntry[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new IngestError(brokenReason(valid.err, xml), "BROKEN_FEED");
  const document = parser.parse(xml) as XmlObject;
  const rss = object(document.rss);
  if (rss) {
    const channel = object(first(rss.channel)) ?? {};
    const language = text(channel.language) || text(channel["dc:language"]) || null;
    return list(channel.item).map((item) => rssEntry(item, language));
  }
  const rdfName = Object.keys(document).find((name) => name === "RDF" || name.endsWith(":RDF"));
  const rdf = rdfName ? object(document[rdfName]) : null;
  if (rdf) {
    const channel = object(first(rdf.channel)) ?? {};
    const language = text(channel["dc:language"]) || text(channel.language) || null;
    return list(rdf.item).map((item) => rssEntry(item, language));
  }
  const feed = object(document.feed);
  if (feed) {
    const language = text(feed[`${ATTRIBUTE}xml:lang`]) || null;
    return list(feed.entry).map((entry) => atomEntry(entry, language));
  }
  const root = Object.keys(document).find((name) => !name.startsWith("?")) ?? "nothing";
  throw new IngestError(`the XML is not an RSS, RDF or Atom feed (its root is <${root}>)`, "UNSUPPORTED");
}

/** YYYY-MM-DD from an RFC 822 date ("Thu, 25 Feb 2016 10:00:00 +0100": the day as written) or an ISO one. */
export function feedDay(value: string): string | null {
  const iso = isoDay(value);
  if (iso) return iso;
  const match = /(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{2,4})/i.exec(value);
  const month = match ? MONTHS.indexOf(match[2].toLowerCase()) + 1 : 0;
  if (!match || month === 0) return null;
  const year = match[3].length === 2 ? `${Number(match[3]) < 70 ? "20" : "19"}${match[3]}` : match[3];
  return isoDay(`${year.padStart(4, "0")}-${String(month).padStart(2, "0")}-${match[1].padStart(2, "0")}`);
}

function rssEntry(item: XmlObject, language: string | null): FeedEntry {
  const guid = first(item.guid);
  const permalink = object(guid)?.[`${ATTRIBUTE}isPermaLink`] !== "false" ? text(guid) : "";
  const url = text(first(item.link)) || (/^https?:\/\//.test(permalink) ? permalink : "") || null;
  const date = text(item.pubDate) || text(item["dc:date"]);
  const html = text(item["content:encoded"]) || text(item.description) || null;
  return {
    url,
    title: titleText(item.title),
    publishedOn: date ? feedDay(date) : null,
    html,
    text: html ? htmlText(html) || null : null,
    language: text(item["dc:language"]) || language,
  };
}

function atomEntry(entry: XmlObject, language: string | null): FeedEntry {
  const links = list(entry.link);
  const alternate = links.find((link) => (text(link[`${ATTRIBUTE}rel`]) || "alternate") === "alternate");
  const url = text((alternate ?? links[0])?.[`${ATTRIBUTE}href`]) || null;
  const date = text(entry.published) || text(entry.updated);
  const body = entry.content ?? entry.summary;
  const type = text(object(first(body))?.[`${ATTRIBUTE}type`]) || "text";
  const html = type === "html" ? text(body) : /xhtml/.test(type) ? xhtml(first(body)) : "";
  const plain = type === "text" ? plainText(text(body)) : "";
  return {
    url,
    title: titleText(entry.title),
    publishedOn: date ? feedDay(date) : null,
    html: html || null,
    text: (html ? htmlText(html) : plain) || null,
    language: text(entry[`${ATTRIBUTE}xml:lang`]) || language,
  };
}

/** An Atom xhtml content's markup rebuilt from the parsed tree (its inner div and what it holds). */
function xhtml(content: XmlValue): string {
  const element = object(content);
  if (!element) return "";
  const children = Object.fromEntries(
    Object.entries(element).filter(([name]) => !name.startsWith(ATTRIBUTE)),
  );
  return xhtmlBuilder.build(children) as string;
}

/** A title may carry markup or HTML entities ("Kranj &amp;amp; Beljak" once decoded by XML). */
function titleText(value: XmlValue): string {
  const title = text(value);
  return /[<&]/.test(title) ? collapseWhitespace(htmlText(title)) : collapseWhitespace(title);
}

/** Plain-text content: paragraphs at blank lines, whitespace inside each collapsed. */
function plainText(value: string): string {
  return value
    .split(/\n\s*\n/)
    .map(collapseWhitespace)
    .filter(Boolean)
    .join("\n\n");
}

function brokenReason(error: { msg: string; line: number; col: number }, xml: string): string {
  // an unclosed element at the end of the input comes back as the list of open tags, at line 1
  const open = /^Invalid '\[(.*)\]' found\.$/s.exec(error.msg);
  if (open) {
    const tags = open[1].split(",").map((tag) => `<${tag.trim().replace(/^"|"$/g, "")}>`);
    const lines = xml.split("\n").length;
    return `the feed ends before ${tags.join(", ")} ${tags.length > 1 ? "are" : "is"} closed (line ${lines}, the end)`;
  }
  return `${error.msg} (line ${error.line}, column ${error.col})`;
}

function text(value: XmlValue): string {
  const one = first(value);
  if (typeof one === "string") return one.trim();
  if (typeof one === "number" || typeof one === "boolean") return String(one);
  const inner = object(one)?.["#text"];
  return inner === undefined ? "" : text(inner);
}

function first(value: XmlValue): XmlValue {
  return Array.isArray(value) ? value[0] : value;
}

function object(value: XmlValue): XmlObject | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : null;
}

function list(value: XmlValue): XmlObject[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.map((one) => object(one) ?? { "#text": one });
}
