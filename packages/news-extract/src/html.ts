// The main text of a news page, and the text of a feed entry's HTML: Readability on a linkedom document,
// with navigation, footers, cookie banners and share links dropped, paragraphs joined by a blank line.
// The page's title, publication day, language and canonical URL are read before Readability rewrites
// the document.

import { Readability } from "@mozilla/readability";
import { isIsoDate } from "@twingraph/kit/text";
import { IngestError } from "./errors";

// linkedom runs as CommonJS but declares its types for ESM only; require keeps pageText synchronous.
// It is loaded with the first page read, not with the package: a server starts without it (a fifth
// of a second).
type Linkedom = typeof import("linkedom", { with: { "resolution-mode": "import" }});
let linkedom: Linkedom | undefined;

/** Loads the HTML parser now (a server's warm-up), so that the first page read does not wait for it. */
export function loadHtmlParser(): Linkedom {
  linkedom ??= require("linkedom") as Linkedom;
  return linkedom;
}

function parseHTML(html: string): ReturnType<Linkedom["parseHTML"]> {
  return loadHtmlParser().parseHTML(html);
}

export interface PageText {
  title: string;
  text: string;
  /** YYYY-MM-DD */
  publishedOn: string | null;
  /** `<html lang>` as written ("sl", "sr-Latn"), null when absent */
  language: string | null;
  /** the page's canonical URL (`<link rel=canonical>`, og:url), resolved against the URL given */
  url: string | null;
}

/** The parts of linkedom's DOM used here (the package is typed without the DOM library). */
interface DomNode {
  nodeType: number;
  localName?: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  remove(): void;
}
interface DomDocument {
  documentElement: DomElement | null;
  body: DomElement | null;
  title: string;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

/** Below this many characters a page has no main text: what is left is a heading or a stray label. */
const MIN_PAGE_TEXT = 40;
/** Readability wants a whole article (its own threshold is 500 characters); shorter HTML is converted directly. */
const READABILITY_MIN = 500;
/** A paragraph whose text is at least this share of link text is a menu or a list of links. */
const LINK_SHARE = 0.8;

/** Elements that are never article text, whatever the page. */
const BOILERPLATE_TAGS = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "svg",
  "nav",
  "aside",
  "footer",
  "button",
  "dialog",
]);
const BOILERPLATE_ROLES = new Set([
  "navigation",
  "banner",
  "contentinfo",
  "complementary",
  "dialog",
  "alertdialog",
]);
/** Class or id words of banners and widgets Readability keeps when they sit inside the article. */
const BOILERPLATE_NAMES =
  /(^|[\s_-])(cookies?|consent|gdpr|share|sharing|social|breadcrumbs?|newsletter|skip-link|print-link)([\s_-]|$)/i;

const BLOCKS = new Set([
  "address",
  "article",
  "blockquote",
  "body",
  "br",
  "dd",
  "details",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tr",
  "ul",
]);
const CELLS = new Set(["td", "th"]);
/** Elements a boilerplate class name never removes: a "social-affairs" article is still the article. */
/** What marks the article: a block holding one is not boilerplate, whatever its tag. */
const ARTICLE: ReadonlySet<string> = new Set(["article", "main", "h1"]);
const FORM_CONTENT: ReadonlySet<string> = new Set([...ARTICLE, "p"]);
const CONTAINERS = new Set(["html", "body", "main", "article"]);
// an opening tag that is not self-closing ("<svg/>" has no end tag to look for), then its content
const NEVER_TEXT_MARKUP =
  /<(script|style|svg|noscript|template)\b[^>]*(?<!\/)>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
const CHROME_MARKUP = /<(nav|aside|footer)\b[^>]*(?<!\/)>[\s\S]*?<\/\1\s*>/gi;
const JSON_LD = /<script\b[^>]*type\s*=\s*["']?application\/ld\+json[^>]*>([\s\S]*?)<\/script\s*>/gi;
const NEVER_TEXT = new Set(["script", "style", "noscript", "template"]);

/** The main text of a page; IngestError NOT_HTML when there is no markup, NO_TEXT when nothing but boilerplate. */
export function pageText(html: string, url?: string | null): PageText {
  if (!/<[a-z!?/]/i.test(html)) throw new IngestError("the input has no HTML markup", "NOT_HTML");
  const jsonLd = jsonLdDay(html);
  const document = htmlDocument(lighten(html));
  const language = document.documentElement?.getAttribute("lang")?.trim().replace(/_/g, "-") || null;
  const metaTitle =
    attribute(document, 'meta[property="og:title"]', "content") ?? collapseWhitespace(document.title);
  const canonical = pageUrl(document, url ?? null);
  const metaDay =
    isoDay(attribute(document, 'meta[property="article:published_time"]', "content")) ??
    isoDay(attribute(document, 'meta[itemprop="datePublished"]', "content")) ??
    jsonLd;
  removeBoilerplate(document);
  const publishedOn =
    metaDay ?? timeDay(document) ?? isoDay(attribute(document, 'meta[name="date"]', "content"));

  const plain = document.body ? paragraphs(document.body) : [];
  const article = readability(document);
  const text = (article && article.paragraphs.length > 0 ? article.paragraphs : plain).join("\n\n");
  if (text.length < MIN_PAGE_TEXT) {
    throw new IngestError("the page has no main text (only navigation or boilerplate)", "NO_TEXT");
  }
  return { title: article?.title || metaTitle || "", text, publishedOn, language, url: canonical };
}

/**
 * The text of an HTML fragment (a feed entry's description or content): short fragments converted
 * directly, long ones through Readability, falling back to the whole text when Readability finds none.
 */
export function htmlText(html: string): string {
  const document = htmlDocument(lighten(html));
  removeBoilerplate(document);
  const plain = document.body ? paragraphs(document.body) : [];
  if (plain.join("\n\n").length < READABILITY_MIN) return plain.join("\n\n");
  const article = readability(document);
  return (article && article.paragraphs.length > 0 ? article.paragraphs : plain).join("\n\n");
}

/** Whitespace runs (incl. no-break spaces) collapsed to one space; soft hyphens and zero-width marks dropped. */
export function collapseWhitespace(text: string | null | undefined): string {
  return (text ?? "")
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** YYYY-MM-DD from a value that starts with an ISO day ("2016-02-25T10:00:00+01:00") that exists, else null. */
export function isoDay(value: string | null | undefined): string | null {
  const day = /^\s*(\d{4}-\d{2}-\d{2})(?!\d)/.exec(value ?? "")?.[1];
  return day && isIsoDate(day) ? day : null;
}

function htmlDocument(html: string): DomDocument {
  // linkedom builds a broken tree from a fragment (no <html>): give it a whole document
  const whole = /<html[\s>]/i.test(html)
    ? html
    : /<(head|body)[\s>]/i.test(html)
      ? `<html>${html}</html>`
      : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  return parseHTML(whole).document as unknown as DomDocument;
}

/**
 * The markup without what can never be text (scripts, styles, icons, comments) and without navigation,
 * sidebars and footers, cut before parsing: linkedom's cost is per node, and on a CMS page these are most of the nodes.
 * A block that would swallow an article or a headline (broken nesting) is left to the DOM pass.
 */
function lighten(html: string): string {
  return html
    .replace(NEVER_TEXT_MARKUP, "")
    .replace(CHROME_MARKUP, (block) => (/<(article|main|h1)[\s>]/i.test(block) ? block : ""));
}

function readability(document: DomDocument): { title: string; paragraphs: string[] } | null {
  const serializer = (node: unknown) => node as DomNode;
  const article = new Readability(document as never, { serializer }).parse();
  if (!article?.content) return null;
  return { title: collapseWhitespace(article.title), paragraphs: paragraphs(article.content) };
}

/**
 * Removes boilerplate in one walk over the tree (linkedom compiles a CSS selector on every query, which
 * costs more than the walk on a feed entry's few elements).
 */
function removeBoilerplate(document: DomDocument): void {
  if (document.documentElement) removeBoilerplateUnder(document.documentElement, false);
}

function removeBoilerplateUnder(parent: DomElement, inArticle: boolean): void {
  for (const child of Array.from(parent.children)) {
    const tag = child.localName ?? "";
    if (isBoilerplate(child, tag, inArticle)) {
      child.remove();
      continue;
    }
    removeBoilerplateUnder(child, inArticle || ARTICLE.has(tag) || child.getAttribute("role") === "main");
  }
}

function isBoilerplate(element: DomElement, tag: string, inArticle: boolean): boolean {
  const role = element.getAttribute("role") ?? "";
  const names = `${element.getAttribute("class") ?? ""} ${element.getAttribute("id") ?? ""}`;
  const chrome =
    BOILERPLATE_TAGS.has(tag) ||
    BOILERPLATE_ROLES.has(role) ||
    // a page header (logo, site name, menu) goes; an article's own header keeps its headline
    (tag === "header" && !inArticle) ||
    (BOILERPLATE_NAMES.test(names) && !CONTAINERS.has(tag));
  // a search form goes, an ASP.NET form wrapping the page stays; so does a menu left open around the article
  if (tag === "form") return !holds(element, FORM_CONTENT);
  return chrome && !holds(element, ARTICLE);
}

/** Whether an element has a descendant with one of these tags. */
function holds(element: DomElement, tags: ReadonlySet<string>): boolean {
  return Array.from(element.children).some((child) => tags.has(child.localName ?? "") || holds(child, tags));
}

/** The element's text as paragraphs: one per block element, whitespace collapsed, link-only lines dropped. */
function paragraphs(root: DomNode): string[] {
  const found: string[] = [];
  let text = "";
  let linkText = 0;
  const flush = () => {
    const paragraph = collapseWhitespace(text);
    if (paragraph && linkText < paragraph.length * LINK_SHARE) found.push(paragraph);
    text = "";
    linkText = 0;
  };
  const walk = (node: DomNode, inLink: boolean) => {
    if (node.nodeType === 3) {
      const data = node.textContent ?? "";
      text += data;
      if (inLink) linkText += collapseWhitespace(data).length;
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = node.localName ?? "";
    if (NEVER_TEXT.has(tag)) return;
    const block = BLOCKS.has(tag);
    if (block) flush();
    if (CELLS.has(tag)) text += " ";
    for (const child of Array.from(node.childNodes)) walk(child, inLink || tag === "a");
    if (block) flush();
    if (CELLS.has(tag)) text += " ";
  };
  walk(root, false);
  flush();
  return found;
}

function attribute(document: DomDocument, selector: string, name: string): string | null {
  return collapseWhitespace(document.querySelector(selector)?.getAttribute(name)) || null;
}

function pageUrl(document: DomDocument, base: string | null): string | null {
  const href =
    attribute(document, 'link[rel="canonical"]', "href") ??
    attribute(document, 'meta[property="og:url"]', "content");
  if (!href) return null;
  try {
    const resolved = base ? new URL(href, base) : new URL(href);
    return /^https?:$/.test(resolved.protocol) ? resolved.href : null;
  } catch {
    return null;
  }
}

function timeDay(document: DomDocument): string | null {
  const inArticle = document.querySelector("article time[datetime], main time[datetime]");
  return isoDay((inArticle ?? document.querySelector("time[datetime]"))?.getAttribute("datetime"));
}

/** datePublished anywhere in the page's JSON-LD (a NewsArticle, an @graph of them, an array). */
function jsonLdDay(html: string): string | null {
  for (const [, json] of html.matchAll(JSON_LD)) {
    try {
      const found = datePublished(JSON.parse(json), 0);
      if (found) return found;
    } catch {
      // a page's broken JSON-LD is not the page's text: look further
    }
  }
  return null;
}

function datePublished(value: unknown, depth: number): string | null {
  if (depth > 5 || value === null || typeof value !== "object") return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = datePublished(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.datePublished === "string") return isoDay(record.datePublished);
  return datePublished(record["@graph"], depth + 1) ?? datePublished(record.mainEntity, depth + 1);
}
