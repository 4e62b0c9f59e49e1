// kindOf, contentHash and readNewsInputs: what an input is, the documents it gives (caller values override
// a page's, default a feed's), entries skipped with a reason, and inputs refused with a code.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pageText } from "../src/html";
import { contentHash, kindOf, MAX_INPUT_BYTES, readNewsInputs } from "../src/input";
import { codeOf } from "./error-code";

const fixture = (name: string) => readFileSync(join(__dirname, "fixtures", name), "utf8");

const SENTENCE = "Beljak in Kranj imata bratske odnose od leta 2008.";

describe("kindOf", () => {
  it("tells each fixture's kind from its content", () => {
    expect(kindOf(fixture("news-feed.rss"))).toBe("feed");
    expect(kindOf(fixture("news-feed.atom"))).toBe("feed");
    expect(kindOf(fixture("municipal-news-page.html"))).toBe("html");
    expect(kindOf(fixture("navigation-only-page.html"))).toBe("html");
    expect(kindOf(fixture("README.md"))).toBe("text");
  });

  it("looks past a byte-order mark, comments and processing instructions", () => {
    const rdf =
      '\ufeff<?xml version="1.0"?>\n<!-- feed -->\n<?xml-stylesheet href="s.xsl"?>\n<rdf:RDF xmlns:rdf="x">';
    expect(kindOf(rdf)).toBe("feed");
    expect(kindOf("<!-- saved page -->\n<!DOCTYPE html>\n<html><body><p>x</p></body></html>")).toBe("html");
  });

  it("uses the file name when the content does not say", () => {
    expect(kindOf("<channel/>", "news.xml")).toBe("feed");
    expect(kindOf("<p>Novica</p>", "notes.txt")).toBe("text");
    expect(kindOf("Novica", "page.htm")).toBe("html");
    expect(kindOf("<div><p>Novica</p></div>")).toBe("html");
    expect(kindOf(`${SENTENCE}\nKranj, 25. 2. 2016`)).toBe("text");
  });

  it("trusts a feed root over a misleading file name", () => {
    expect(kindOf(fixture("news-feed.rss"), "feed.html")).toBe("feed");
  });
});

describe("contentHash", () => {
  it("is the same for the same story under different markup, whitespace, normalisation and case", () => {
    const first = pageText(
      `<html><head><title>A</title></head><body><article><p>Beljak in Kranj   imata bratske odnose od leta 2008.</p><p>Sodelovanje se bo okrepilo.</p></article></body></html>`,
    );
    const second = pageText(
      `<html><head><title>A</title></head><body><div class="story"><div>Beljak&nbsp;in <b>Kranj</b>\n imata bratske odnose od leta 2008.<br>SODELOVANJE se bo okrepilo.</div></div></body></html>`,
    );
    expect(first.text).not.toBe(second.text);
    expect(contentHash(first.text)).toBe(contentHash(second.text));
    const decomposed = "Sodelovanje mest se je odvijal v c\u030cetrtek.";
    expect(contentHash(decomposed)).toBe(contentHash("  sodelovanje MEST se je odvijal\nv četrtek. "));
  });

  it("is sha256 hex and differs for a different story", () => {
    expect(contentHash(SENTENCE)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash(SENTENCE)).not.toBe(contentHash("Beljak in Kranj imata bratske odnose od leta 2009."));
  });
});

describe("readNewsInputs on a page", () => {
  const page = fixture("municipal-news-page.html");

  it("gives one document with the page's title, day, language and canonical URL", () => {
    const { documents, skipped } = readNewsInputs(page, { fileName: "novica.html" });
    expect(skipped).toEqual([]);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({
      url: null,
      title: "Kranj in Beljak pripravljena na bolj intenzivno sodelovanje",
      publishedOn: "2016-02-25",
      language: "sl",
    });
    expect(documents[0].text.split("\n\n")).toHaveLength(4);
  });

  it("lets the caller's url, publishedOn and language override the page's", () => {
    const options = { url: "https://kranj.example/novica/1", publishedOn: "2016-02-26", language: "sl-SI" };
    const [document] = readNewsInputs(page, options).documents;
    expect(document).toMatchObject(options);
  });

  it("refuses a page of nothing but navigation (NO_TEXT)", () => {
    expect(codeOf(() => readNewsInputs(fixture("navigation-only-page.html")))).toBe("NO_TEXT");
  });
});

describe("readNewsInputs on a feed", () => {
  const rss = fixture("news-feed.rss");

  it("gives one document per entry; the caller's values are defaults for entries without their own", () => {
    const { documents } = readNewsInputs(rss, {
      url: "https://news.example.test/rss.xml",
      publishedOn: "2016-03-01",
      language: "hr",
    });
    expect(documents.map((document) => [document.url, document.publishedOn, document.language])).toEqual([
      ["https://news.example.test/novice/kranj-in-beljak", "2016-02-25", "sl"],
      ["https://news.example.test/novice/premogovna-mesta", "2016-03-01", "sl"],
      ["https://news.example.test/vesti/akcioni-plan", "2016-03-01", "sr-Latn"],
    ]);
    expect(documents[2].title).toBe("Francuska ambasada i SKGO potpisali akcioni plan za 2020.");
  });

  it("skips entries without text and entries repeating an earlier one, saying why", () => {
    const item = (link: string, body: string) =>
      `<item><title>T</title><link>${link}</link><description>${body}</description></item>`;
    const xml = `<rss><channel>${[
      item("https://a.test/1", SENTENCE),
      item("https://a.test/2", "&lt;img src='x.jpg'&gt;"),
      item("https://a.test/1", "Drugo besedilo."),
      item("https://a.test/3", `  ${SENTENCE.toUpperCase()} `),
      item("https://a.test/4", "Župani sodelujočih mest so podpisali izjavo."),
    ].join("")}</channel></rss>`;
    const { documents, skipped } = readNewsInputs(xml);
    expect(documents.map((document) => document.url)).toEqual(["https://a.test/1", "https://a.test/4"]);
    expect(skipped).toEqual([
      { url: "https://a.test/2", reason: 'entry 2 ("T") has no text' },
      { url: "https://a.test/1", reason: 'entry 3 ("T") repeats entry 1 (same URL or text)' },
      { url: "https://a.test/3", reason: 'entry 4 ("T") repeats entry 1 (same URL or text)' },
    ]);
  });

  it("reads a generated 500-entry feed into 500 documents, in order", () => {
    const items = Array.from(
      { length: 500 },
      (_, i) => `  <item>
    <title>Novica ${i + 1}</title>
    <link>https://news.example.test/novice/${i + 1}</link>
    <pubDate>${["Mon", "Tue", "Wed"][i % 3]}, ${String((i % 28) + 1).padStart(2, "0")} Feb 2016 10:00:00 +0100</pubDate>
    <description><![CDATA[<p>Novica številka ${i + 1}: ${SENTENCE}</p><p>Drugi odstavek &amp; več.</p>]]></description>
  </item>`,
    );
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Novice</title>\n${items.join("\n")}\n</channel></rss>`;
    const { documents, skipped } = readNewsInputs(xml, { fileName: "novice.rss" });
    expect(skipped).toEqual([]);
    expect(documents).toHaveLength(500);
    documents.forEach((document, i) => {
      expect(document.url).toBe(`https://news.example.test/novice/${i + 1}`);
      expect(document.title).toBe(`Novica ${i + 1}`);
      expect(document.publishedOn).toBe(`2016-02-${String((i % 28) + 1).padStart(2, "0")}`);
      expect(document.text).toBe(`Novica številka ${i + 1}: ${SENTENCE}\n\nDrugi odstavek & več.`);
    });
  });

  it("refuses a truncated feed (BROKEN_FEED)", () => {
    expect(codeOf(() => readNewsInputs(rss.slice(0, rss.length / 2)))).toBe("BROKEN_FEED");
  });
});

describe("readNewsInputs on plain text", () => {
  it("keeps the lines, collapses spaces within them and blank-line runs", () => {
    const text = "Novice\r\n\r\n\r\n25. februar, 2016\r\nKranj in   Beljak\t pripravljena\n\n";
    const [document] = readNewsInputs(text, { publishedOn: "2016-02-25" }).documents;
    expect(document).toEqual({
      url: null,
      title: null,
      publishedOn: "2016-02-25",
      language: null,
      text: "Novice\n\n25. februar, 2016\nKranj in Beljak pripravljena",
    });
  });

  it("takes the caller's kind over the content's", () => {
    const [document] = readNewsInputs("<p>a &lt; b</p>", { kind: "text" }).documents;
    expect(document.text).toBe("<p>a &lt; b</p>");
  });
});

describe("readNewsInputs refuses", () => {
  it("empty input (EMPTY)", () => {
    expect(codeOf(() => readNewsInputs(""))).toBe("EMPTY");
    expect(codeOf(() => readNewsInputs(" \n\t "))).toBe("EMPTY");
  });

  it("input over 2 MB (TOO_LARGE), counted in UTF-8 bytes", () => {
    expect(codeOf(() => readNewsInputs("a".repeat(MAX_INPUT_BYTES + 1)))).toBe("TOO_LARGE");
    expect(codeOf(() => readNewsInputs("č".repeat(MAX_INPUT_BYTES / 2 + 1)))).toBe("TOO_LARGE");
    expect(codeOf(() => readNewsInputs("a".repeat(MAX_INPUT_BYTES)))).toBeNull();
  });

  it("binary input (UNSUPPORTED)", () => {
    expect(codeOf(() => readNewsInputs("%PDF-1.7\n\u0000\u0001\u0002stream"))).toBe("UNSUPPORTED");
  });
});
