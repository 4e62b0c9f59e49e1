// What a news input is (a feed, an HTML page or plain text), the documents it holds (a page gives one, a
// feed one per entry), and the content hash the same story keeps however it is marked up.

import { createHash } from "node:crypto";
import { IngestError } from "./errors";
import { parseFeed } from "./feed";
import { collapseWhitespace, pageText } from "./html";

export type InputKind = "feed" | "html" | "text";

export interface NewsDocument {
  url: string | null;
  title: string | null;
  /** YYYY-MM-DD */
  publishedOn: string | null;
  language: string | null;
  text: string;
}

export interface ReadOptions {
  /** the file's name; its extension decides the kind when the content does not */
  fileName?: string | null;
  /** a page's URL (overrides its canonical URL); for a feed, the base of relative entry links and the URL of entries without one */
  url?: string | null;
  /** overrides a page's date; for a feed, the date of entries without one */
  publishedOn?: string | null;
  /** overrides a page's `<html lang>`; for a feed, the language of entries without one */
  language?: string | null;
  /** the kind when the caller knows it (the ingestNews mutation's html or text argument) */
  kind?: InputKind;
}

export interface SkippedInput {
  url: string | null;
  reason: string;
}

export interface NewsInputs {
  documents: NewsDocument[];
  skipped: SkippedInput[];
}

/** Inputs above this many bytes are refused: a news page or feed is far smaller. */
export const MAX_INPUT_BYTES = 2 * 1024 * 1024;

const FEED_ROOT = /^<(rss|feed|(\w+:)?RDF)[\s>]/;
const HTML_ROOT = /^<(!doctype\s+html|html)[\s>]/i;
const HTML_TAG = /<(html|head|body|title|meta|div|p|article|section|span|a|br|h[1-6]|ul|table)[\s>/]/i;
/** The XML declaration, processing instructions, comments and a doctype other than html's, before the root. */
const PROLOG = /^(\ufeff|\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!doctype\s+(?!html[\s>])[^>]*>)/i;

/** Feed when the root is rss/feed/RDF, HTML when the content or the file name says so, else text. */
export function kindOf(content: string, fileName?: string | null): InputKind {
  let head = content.slice(0, 8192);
  for (let match = PROLOG.exec(head); match; match = PROLOG.exec(head)) head = head.slice(match[0].length);
  if (FEED_ROOT.test(head)) return "feed";
  if (HTML_ROOT.test(head)) return "html";
  const extension = /\.([a-z0-9]+)$/i.exec(fileName ?? "")?.[1].toLowerCase();
  if (extension && ["rss", "atom", "rdf", "xml"].includes(extension)) return "feed";
  if (extension && ["html", "htm", "xhtml"].includes(extension)) return "html";
  if (extension && ["txt", "text", "md"].includes(extension)) return "text";
  return HTML_TAG.test(head) ? "html" : "text";
}

/** sha256 hex of the text NFC-normalised, whitespace runs collapsed to one space, trimmed and lower-cased. */
export function contentHash(text: string): string {
  const normal = text.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
  return createHash("sha256").update(normal, "utf8").digest("hex");
}

/**
 * The news documents in one input: a page's main text, each feed entry with text (the others skipped with
 * a reason, as are entries repeating an earlier entry's URL or text), or the plain text itself.
 */
export function readNewsInputs(content: string, options: ReadOptions = {}): NewsInputs {
  checkContent(content);
  const kind = options.kind ?? kindOf(content, options.fileName);
  if (kind === "feed") return feedDocuments(content, options);
  if (kind === "html") {
    const page = pageText(content, options.url);
    const document: NewsDocument = {
      url: options.url ?? page.url,
      title: page.title || null,
      publishedOn: options.publishedOn ?? page.publishedOn,
      language: options.language ?? page.language,
      text: page.text,
    };
    return { documents: [document], skipped: [] };
  }
  const text = plainText(content);
  if (!text) throw new IngestError("the text is empty", "EMPTY");
  const document: NewsDocument = {
    url: options.url ?? null,
    title: null,
    publishedOn: options.publishedOn ?? null,
    language: options.language ?? null,
    text,
  };
  return { documents: [document], skipped: [] };
}

function checkContent(content: string): void {
  if (!content.trim()) throw new IngestError("the input is empty", "EMPTY");
  const bytes = Buffer.byteLength(content, "utf8");
  if (bytes > MAX_INPUT_BYTES) {
    throw new IngestError(`the input is ${bytes} bytes; at most ${MAX_INPUT_BYTES} are read`, "TOO_LARGE");
  }
  if (content.includes("\u0000")) {
    throw new IngestError(
      "the input is binary (it holds NUL bytes), not text, HTML or a feed",
      "UNSUPPORTED",
    );
  }
}

function feedDocuments(content: string, options: ReadOptions): NewsInputs {
  const documents: NewsDocument[] = [];
  const skipped: SkippedInput[] = [];
  const seenUrls = new Map<string, number>();
  const seenTexts = new Map<string, number>();
  parseFeed(content).forEach((entry, index) => {
    const number = index + 1;
    const url = absolute(entry.url, options.url ?? null);
    const label = `entry ${number}${entry.title ? ` ("${entry.title}")` : ""}`;
    if (!entry.text) {
      skipped.push({ url, reason: `${label} has no text` });
      return;
    }
    const hash = contentHash(entry.text);
    const earlier = (url ? seenUrls.get(url) : undefined) ?? seenTexts.get(hash);
    if (earlier !== undefined) {
      skipped.push({ url, reason: `${label} repeats entry ${earlier} (same URL or text)` });
      return;
    }
    if (url) seenUrls.set(url, number);
    seenTexts.set(hash, number);
    documents.push({
      url: url ?? options.url ?? null,
      title: entry.title || null,
      publishedOn: entry.publishedOn ?? options.publishedOn ?? null,
      language: entry.language ?? options.language ?? null,
      text: entry.text,
    });
  });
  return { documents, skipped };
}

/** An entry link resolved against the feed's URL ("/novice/1" on a municipal feed); as written when it cannot be. */
function absolute(link: string | null, base: string | null): string | null {
  if (!link) return null;
  try {
    return new URL(link, base ?? undefined).href;
  } catch {
    return link;
  }
}

/** Plain text as stored: line breaks kept, spaces within a line collapsed, blank-line runs made one. */
function plainText(content: string): string {
  return content
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map(collapseWhitespace)
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
