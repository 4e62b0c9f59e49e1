// parseFeed: RSS 2.0, RSS 1.0 (RDF) and Atom entries in order, with links, titles, days and text (CDATA,
// escaped HTML and entities decoded); a truncated feed is BROKEN_FEED with the parser's reason and line.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IngestError } from "../src/errors";
import { feedDay, parseFeed } from "../src/feed";

const fixture = (name: string) => readFileSync(join(__dirname, "fixtures", name), "utf8");

function ingestError(run: () => unknown): IngestError {
  try {
    run();
  } catch (error) {
    if (error instanceof IngestError) return error;
    throw error;
  }
  throw new Error("no IngestError was thrown");
}

describe("an RSS 2.0 feed", () => {
  const entries = parseFeed(fixture("news-feed.rss"));

  it("gives its three items in order with their links, titles and days", () => {
    expect(entries.map((entry) => [entry.url, entry.title, entry.publishedOn])).toEqual([
      [
        "https://news.example.test/novice/kranj-in-beljak",
        "Kranj in Beljak pripravljena na bolj intenzivno sodelovanje",
        "2016-02-25",
      ],
      [
        "https://news.example.test/novice/premogovna-mesta",
        "Predstavniki premogovnih mest podpisali sporazum o sodelovanju",
        null,
      ],
      ["/vesti/akcioni-plan", "Francuska ambasada i SKGO potpisali akcioni plan za 2020.", null],
    ]);
  });

  it("prefers content:encoded (CDATA) to the description and cleans it like a page", () => {
    expect(entries[0].html).toContain('<p class="share">');
    expect(entries[0].text).toBe(
      "V Kranju sta se 25. februarja 2016 na delovnem obisku mudili prva podžupanja pobratenega mesta Beljak dr. Petra Oberrauner ter predstavnica za evropsko politiko v tamkajšnji mestni upravi Laura Nemann.\n\nBeljak in Kranj imata bratske odnose od leta 2008.",
    );
  });

  it("decodes an entity-escaped HTML description and numeric references", () => {
    expect(entries[1].text).toBe(
      "Predstavniki premogovnih mest Pljevlja (Črna gora), Lukavac (Bosna in Hercegovina) in Velenje so podpisali sporazum o sodelovanju.\n\nSkupaj želijo oblikovati in izvajati projekte, ki bodo pomembno prispevali k razvoju lokalnih skupnosti.",
    );
    expect(entries[2].text).toContain("Ambasada Francuske u Srbiji & Stalna konferencija");
  });

  it("takes an item's dc:language, else the channel's", () => {
    expect(entries.map((entry) => entry.language)).toEqual(["sl", "sl", "sr-Latn"]);
  });
});

describe("an Atom feed", () => {
  const entries = parseFeed(fixture("news-feed.atom"));

  it("gives its two entries with the alternate link, the published day before the updated one", () => {
    expect(entries.map((entry) => [entry.url, entry.publishedOn])).toEqual([
      ["https://news.example.test/novice/kranj-in-beljak", "2016-02-25"],
      ["https://news.example.test/novice/sodelovanje-mest", "2009-10-02"],
    ]);
  });

  it("decodes an html title and html content, entities escaped twice included", () => {
    expect(entries[0].title).toBe("Kranj & Beljak: delovni obisk");
    expect(entries[0].text).toBe(
      "Trajnostna urbana strategija Mestne občine Kranj do leta 2030, ki je dobila pohvalo okoljskega ministrstva, je zanimiva tudi za pobratena mesta Mestne občine Kranj.\n\nZaradi skupnih projektov se bo intenzivnost sodelovanja med občinama še okrepila.",
    );
  });

  it("keeps a text summary as text, its paragraphs apart, and the feed's xml:lang", () => {
    expect(entries[1].html).toBeNull();
    expect(entries[1].text).toBe(
      "Prvi dogodek v okviru projekta Sodelovanje mest se je odvijal v četrtek, 1. oktobra 2009 na avstrijskem Štajerskem, v mestu Fürstenfeld.\n\nŽupani sodelujočih mest so podpisali izjavo o sodelovanju.",
    );
    expect(entries[1].language).toBe("sl");
  });

  it("rebuilds xhtml content into text", () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>X</title><link href="https://a.test/1"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Beljak in Kranj imata bratske odnose od leta 2008.</p></div></content></entry></feed>`;
    expect(parseFeed(xml)[0].text).toBe("Beljak in Kranj imata bratske odnose od leta 2008.");
  });
});

describe("an RSS 1.0 (RDF) feed", () => {
  it("gives its items, which stand beside the channel, with dc:date days", () => {
    const xml = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://news.example.test/"><title>Novice</title><dc:language>sl</dc:language></channel>
  <item rdf:about="https://news.example.test/1"><title>Prvi</title><link>https://news.example.test/1</link><dc:date>2016-02-25T12:00:00+01:00</dc:date><description>Beljak in Kranj imata bratske odnose od leta 2008.</description></item>
  <item rdf:about="https://news.example.test/2"><title>Drugi</title><link>https://news.example.test/2</link><description>Župani sodelujočih mest so podpisali izjavo o sodelovanju.</description></item>
</rdf:RDF>`;
    const entries = parseFeed(xml);
    expect(entries.map((entry) => [entry.url, entry.title, entry.publishedOn, entry.language])).toEqual([
      ["https://news.example.test/1", "Prvi", "2016-02-25", "sl"],
      ["https://news.example.test/2", "Drugi", null, "sl"],
    ]);
    expect(entries[1].text).toBe("Župani sodelujočih mest so podpisali izjavo o sodelovanju.");
  });
});

describe("a broken feed", () => {
  const rss = fixture("news-feed.rss");

  it("cut inside a tag is BROKEN_FEED with the parser's reason and line", () => {
    const cut = rss.slice(0, rss.indexOf("</title>", rss.indexOf("<item>")) + 4);
    const error = ingestError(() => parseFeed(cut));
    expect(error.code).toBe("BROKEN_FEED");
    expect(error.reason).toMatch(/Closing tag 'ti' .*\(line 9, column \d+\)/);
  });

  it("cut between elements names the tags left open and the last line", () => {
    const cut = rss.slice(0, rss.indexOf("</item>") + "</item>".length);
    const error = ingestError(() => parseFeed(cut));
    expect(error.code).toBe("BROKEN_FEED");
    expect(error.reason).toBe(
      `the feed ends before <rss>, <channel> are closed (line ${cut.split("\n").length}, the end)`,
    );
  });

  it("with a bare ampersand is BROKEN_FEED at its line", () => {
    const error = ingestError(() =>
      parseFeed("<rss><channel>\n<item><title>Kranj & Beljak</title></item></channel></rss>"),
    );
    expect(error.code).toBe("BROKEN_FEED");
    expect(error.reason).toMatch(/line 2/);
  });

  it("XML that is not a feed is UNSUPPORTED", () => {
    const error = ingestError(() =>
      parseFeed('<?xml version="1.0"?><urlset><url><loc>https://a.test/</loc></url></urlset>'),
    );
    expect(error.code).toBe("UNSUPPORTED");
    expect(error.reason).toContain("<urlset>");
  });
});

describe("feedDay", () => {
  it("reads RFC 822 days as written, two-digit years and ISO days", () => {
    expect(feedDay("Thu, 25 Feb 2016 23:30:00 -0500")).toBe("2016-02-25");
    expect(feedDay("1 Oct 09 10:00 GMT")).toBe("2009-10-01");
    expect(feedDay("Tue, 06 September 2022 08:00:00 +0200")).toBe("2022-09-06");
    expect(feedDay("2016-02-25T23:30:00-05:00")).toBe("2016-02-25");
  });

  it("gives null for what is not a date", () => {
    expect(feedDay("Thu, 25 Foo 2016")).toBeNull();
    expect(feedDay("31 Feb")).toBeNull();
    expect(feedDay("Tue, 30 Feb 2016 10:00:00 GMT")).toBeNull();
    expect(feedDay("soon")).toBeNull();
  });
});
