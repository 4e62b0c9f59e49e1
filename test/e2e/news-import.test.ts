// `npm run import -- news` end to end on a seeded federation's databases: the Kranj–Villach visit
// (the City of Kranj's news of 25 February 2016, as the seed quotes it) becomes a news item with its
// text and a visit linked to the partnership the graph has, quoting the text at exact offsets; the
// same file again changes nothing; a folder with a broken feed is refused whole; a 500-entry feed is
// one changeset, with progress on the way.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Changeset } from "@twingraph/changes";
import { NewsItem } from "@twingraph/news";
import { contentHash } from "@twingraph/news-extract";
import {
  describeNewsImport,
  importNews,
  lineProgress,
  type NewsImportReport,
  sourceBundles,
} from "@twingraph/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fingerprint } from "../src/editing/fingerprint";
import { type Federation, inProcessFederation } from "../src/harness";
import { generatedNewsFeed, labelledExcerpts } from "../src/news-feed";

const ACCOUNT = {
  kind: "IMPORT",
  author: { id: "news-test", name: "news test" },
  comment: "news import test",
} as const;

/** The Kranj news item as the seed quotes it, verbatim: date line, title, then the visit's sentences. */
function kranjVillachText(): string {
  const bundle = sourceBundles.find((candidate) => candidate.document === "004_456ee31a02840778.txt");
  if (!bundle) throw new Error("the seed no longer holds the Kranj–Villach document");
  const [item] = bundle.news;
  const [visit] = bundle.visits;
  return ["25. februar, 2016", item.title, visit.sources.map((source) => source.quote).join(" ")].join(
    "\n\n",
  );
}

async function query(federation: Federation, text: string): Promise<Record<string, unknown>> {
  const result = await federation.execute(text);
  expect(result.errors).toBeUndefined();
  return result.data ?? {};
}

interface QuotedSource {
  quote: string;
  start: number | null;
  end: number | null;
  confidence: number | null;
  language: string;
}

describe("news import", () => {
  let federation: Federation;
  let folder: string;
  let kranjFile: string;
  let first: NewsImportReport;

  beforeAll(async () => {
    federation = await inProcessFederation();
    folder = mkdtempSync(path.join(tmpdir(), "twingraph-news-import-"));
    kranjFile = path.join(folder, "kranj-villach.txt");
    writeFileSync(kranjFile, kranjVillachText());
    first = await importNews(federation.databases, kranjFile, {
      publishedOn: "2016-02-25",
      changeset: ACCOUNT,
      redisUrl: null,
    });
  });
  afterAll(async () => {
    await federation?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("stores the text as a news item, with its language and content hash", async () => {
    expect(first).toMatchObject({ files: 1, documents: 1, ingested: 1, duplicates: [], rejected: [] });
    const text = kranjVillachText();
    const item = await federation.databases.news
      .getRepository(NewsItem)
      .findOneByOrFail({ contentHash: contentHash(text) });
    expect(item).toMatchObject({ text, language: "sl", publishedOn: "2016-02-25" });
    expect(first.items[0].newsItemId).toBe(item.id);
  });

  it("links the visit to the Kranj–Villach partnership the graph has, proposing no partnership", async () => {
    expect(first.created.Partnership).toBe(0);
    expect(first.created.Visit).toBe(1);
    const data = await query(
      federation,
      /* GraphQL */ `{
        partnership(id: "p-kranj-villach") {
          visits { id date host { id } visitors { id } partnerships { id }
            news { id text } sources { quote start end confidence language }
            history { op authorName source { quote start end } } }
        }
      }`,
    );
    const visits = (data.partnership as { visits: Record<string, unknown>[] }).visits;
    const visit = visits.find(
      (candidate) => (candidate.news as { id: string }).id === first.items[0].newsItemId,
    );
    if (!visit) throw new Error("the partnership lists no visit from the imported news item");
    expect(visit).toMatchObject({
      date: "2016-02-25",
      host: { id: "si-kranj" },
      visitors: [{ id: "at-villach" }],
      partnerships: [{ id: "p-kranj-villach" }],
    });
    // created by the importing account, its version quoting what it states
    expect(visit.history).toEqual([
      {
        op: "CREATE",
        authorName: "news test",
        source: expect.objectContaining({ start: expect.any(Number) }),
      },
    ]);
    // every quote is the stored text at its offsets, with a confidence
    const text = (visit.news as { text: string }).text;
    const sources = visit.sources as QuotedSource[];
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(text.slice(source.start ?? -1, source.end ?? -1)).toBe(source.quote);
      expect(source.confidence).toBeGreaterThan(0);
      expect(source.confidence).toBeLessThanOrEqual(1);
      expect(source.language).toBe("sl");
    }
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await fingerprint(federation.databases);
    const again = await importNews(federation.databases, kranjFile, {
      publishedOn: "2016-02-25",
      changeset: ACCOUNT,
      redisUrl: null,
    });
    expect(again).toMatchObject({
      ingested: 0,
      duplicates: [{ duplicateOf: first.items[0].newsItemId }],
      rejected: [],
    });
    expect(await fingerprint(federation.databases)).toEqual(before);
  });

  it("refuses a folder with a broken feed or a file that is not UTF-8 whole, naming each, and writes nothing", async () => {
    const mixed = mkdtempSync(path.join(tmpdir(), "twingraph-news-broken-"));
    const [excerpt] = labelledExcerpts();
    writeFileSync(path.join(mixed, "a-good.txt"), excerpt.text);
    writeFileSync(
      path.join(mixed, "b-broken.rss"),
      '<rss version="2.0"><channel><item><title>Cut off</title><description>Kranj',
    );
    writeFileSync(
      path.join(mixed, "c-latin1.txt"),
      Buffer.from([0x4b, 0x72, 0x61, 0x6e, 0x6a, 0xe8, 0x20, 0x0a]),
    );
    const before = await fingerprint(federation.databases);
    const report = await importNews(federation.databases, mixed, { changeset: ACCOUNT, redisUrl: null });
    rmSync(mixed, { recursive: true, force: true });
    expect(report.files).toBe(3);
    expect(report.rejected.map((rejection) => rejection.file)).toEqual(["b-broken.rss", "c-latin1.txt"]);
    for (const { reason } of report.rejected) expect(reason).not.toBe("");
    expect(report.rejected[1].reason).toMatch(/UTF-8/);
    expect(report.ingested).toBe(0);
    expect(describeNewsImport(report)).toContain(`rejected b-broken.rss: ${report.rejected[0].reason}`);
    expect(await fingerprint(federation.databases)).toEqual(before);
  });

  it("ingests a 500-entry feed as one changeset, showing its progress", async () => {
    const feed = path.join(folder, "generated.rss");
    writeFileSync(feed, generatedNewsFeed(500));
    const changesets = federation.databases.changes.getRepository(Changeset);
    const items = federation.databases.news.getRepository(NewsItem);
    const [changesetsBefore, itemsBefore] = [await changesets.count(), await items.count()];
    const lines: string[] = [];
    const report = await importNews(federation.databases, feed, {
      changeset: ACCOUNT,
      redisUrl: null,
      progress: lineProgress({ write: (line: string) => lines.push(line) }),
    });
    expect(report).toMatchObject({ documents: 500, ingested: 500, rejected: [] });
    expect(await items.count()).toBe(itemsBefore + 500);
    expect(await changesets.count()).toBe(changesetsBefore + 1);
    expect(lines.at(-1)).toBe("news entries: 500/500\n");
    expect(lines.length).toBeGreaterThan(5);
    expect(lines).toContain("news entries: 125/500\n");
  });
});
