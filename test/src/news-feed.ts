// A generated RSS feed for the news import's test and benchmark: real labelled excerpts
// (test/fixtures/news), cycled, each entry numbered so that no two entries are one text.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface Excerpt {
  id: string;
  url: string;
  text: string;
}

const FIXTURES = path.resolve(__dirname, "../fixtures/news");

/** The labelled excerpts in id order. */
export function labelledExcerpts(): Excerpt[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8")) as Excerpt);
}

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** An RSS feed of `count` entries cycling through the labelled excerpts, a day apart from 2020-01-01. */
export function generatedNewsFeed(count: number): string {
  const excerpts = labelledExcerpts();
  const items = Array.from({ length: count }, (_, index) => {
    const excerpt = excerpts[index % excerpts.length];
    const date = new Date(Date.UTC(2020, 0, 1) + index * 86_400_000).toUTCString();
    const text = `${excerpt.text}\n\nEntry ${index + 1} of a test feed.`;
    return `<item><title>${escapeXml(`${excerpt.id} #${index + 1}`)}</title><link>https://example.org/news-feed-test/${index + 1}</link><pubDate>${date}</pubDate><description>${escapeXml(text)}</description></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Test feed</title><link>https://example.org/</link><description>generated</description>${items.join("\n")}</channel></rss>\n`;
}
