// The seed's side of news ingestion, on the seeded sources: lookups answer from the databases (graph
// cities before GeoNames, partnerships by pair, news seen by URL or hash, and plans of the same run),
// planned edits merge per record and pass or fail each entity's own checks, and a folder gives its
// news files in order.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { nameKey, nameStem } from "@twingraph/kit/text";
import { GEONAMES_SOURCE, type NewsPlan, type PlannedEdit } from "@twingraph/news-extract";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { closeDatabases, type Databases, loadSources, newsFiles, openDatabases } from "../src";
import { openNewsLookups, type RunLookups } from "../src/news/news-lookups";
import { checkEdits, mergeEdits } from "../src/news/write-news";
import { GAZETTEER_SOURCE } from "../src/places";

let databases: Databases;
let lookups: RunLookups;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "twingraph-news-lookups-"));
  vi.stubEnv("TWINGRAPH_DATA_DIR", dataDir);
  vi.stubEnv("REDIS_URL", "");
  databases = await openDatabases({ url: ":memory:" });
  await loadSources(databases);
  lookups = await openNewsLookups(databases);
});
afterAll(async () => {
  await closeDatabases(databases);
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

const source = {
  document: "test",
  quote: "Beljak in Kranj imata bratske odnose od leta 2008.",
  language: "sl",
};

function edit(entity: PlannedEdit["entity"], recordId: string, values: Record<string, unknown>): PlannedEdit {
  const subgraph =
    entity === "City" ? "cities" : entity === "NewsItem" || entity === "Visit" ? "news" : "agreements";
  return { subgraph, entity, recordId, values: { ...values, sources: [source] }, source };
}

describe("news lookups", () => {
  it("offer a graph city by an inflected name, before GeoNames' namesakes, and no GeoNames copy of it", async () => {
    // a mention is looked up by its name key and its stem: "Kranju" by "kranju" and "kranj"
    const found = await lookups.candidates([nameKey("Kranju"), nameStem("Kranju"), "beljak"]);
    const kranj = found.get(nameStem("Kranju")) ?? [];
    expect(kranj[0]).toMatchObject({ cityId: "si-kranj", countryCode: "SI" });
    expect(
      kranj.filter((place) => place.cityId === null && place.countryCode === "SI" && place.name === "Kranj"),
    ).toEqual([]);
    // Beljak is Villach's Slovene name, an alias the graph keeps
    expect(found.get("beljak")?.[0]).toMatchObject({ cityId: "at-villach" });
  });

  it("find the partnership of a pair in either order, and none for a pair without one", async () => {
    const found = await lookups.partnerships([
      ["at-villach", "si-kranj"],
      ["si-kranj", "ru-moscow"],
    ]);
    expect([...found]).toEqual([["at-villach|si-kranj", "p-kranj-villach"]]);
  });

  it("count a plan of the same run as written: its text, its URL and its new partnership", async () => {
    const run = await openNewsLookups(databases);
    expect(await run.seenNews("https://example.org/a", "f".repeat(64))).toBeNull();
    const plan: NewsPlan = {
      edits: [edit("Partnership", "p-ru-moscow--si-kranj", { cityIds: ["si-kranj", "ru-moscow"] })],
      report: {
        newsItemId: "n-kranj-2020-01-01-ffffffff",
        url: "https://example.org/a",
        language: "sl",
        duplicateOf: null,
        relations: [],
        ambiguous: [],
        proposedPlaces: [],
      },
    };
    run.remember(plan, "f".repeat(64));
    expect(await run.seenNews(null, "f".repeat(64))).toBe("n-kranj-2020-01-01-ffffffff");
    expect(await run.seenNews("https://example.org/a", "0".repeat(64))).toBe("n-kranj-2020-01-01-ffffffff");
    expect(await run.partnerships([["ru-moscow", "si-kranj"]])).toEqual(
      new Map([["ru-moscow|si-kranj", "p-ru-moscow--si-kranj"]]),
    );
    // another run knows none of it
    expect(await lookups.seenNews(null, "f".repeat(64))).toBeNull();
  });
});

describe("planned edits", () => {
  it("credit GeoNames as the seed's own imports do", () => {
    expect(GEONAMES_SOURCE).toEqual(GAZETTEER_SOURCE);
  });

  it("merge per record, adding the later quotes", () => {
    const first = edit("City", "ba-banja-luka", { name: "Banja Luka" });
    const second = { ...first, values: { ...first.values, sources: [{ ...source, quote: "Banjaluka" }] } };
    const merged = mergeEdits([first, edit("City", "rs-novi-sad", { name: "Novi Sad" }), second]);
    expect(merged.map((one) => one.recordId)).toEqual(["ba-banja-luka", "rs-novi-sad"]);
    expect((merged[0].values.sources as { quote: string }[]).map((one) => one.quote)).toEqual([
      source.quote,
      "Banjaluka",
    ]);
    expect((first.values.sources as unknown[]).length).toBe(1);
  });

  it("pass each entity's checks, a reference to a record of the same run included, or are refused with the reason", async () => {
    const item = edit("NewsItem", "n-test", {
      title: "Test",
      summary: null,
      publishedOn: "2016-02-25",
      language: "sl",
      publisher: null,
      url: null,
      text: source.quote,
      contentHash: "0".repeat(64),
      cityIds: ["si-kranj"],
      projectIds: [],
    });
    const visit = {
      date: "2016-02-25",
      hostCityId: "si-kranj",
      visitorCityIds: ["at-villach"],
      delegation: [],
      hosts: [],
      purpose: null,
      outcomes: [],
      newsItemId: "n-test",
      partnershipIds: ["p-kranj-villach"],
    };
    expect(await checkEdits(databases, [item, edit("Visit", "v-test", visit)])).toEqual([]);
    const refusals = await checkEdits(databases, [
      edit("Visit", "v-test", { ...visit, newsItemId: "n-nowhere" }),
      edit("Visit", "v-other", { ...visit, date: "25. 2. 2016" }),
    ]);
    expect(refusals).toEqual([
      expect.stringMatching(/^Visit v-test: .*n-nowhere/),
      expect.stringMatching(/^Visit v-other: .*date/),
    ]);
  });
});

describe("news files", () => {
  it("are a file itself, or a folder's pages, feeds and texts sorted by name", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "twingraph-news-files-"));
    for (const name of ["b.rss", "a.txt", "c.HTML", "notes.md", "d.atom", "e.xml", "f.htm"])
      writeFileSync(path.join(folder, name), "x");
    expect((await newsFiles(folder)).map((file) => path.basename(file))).toEqual([
      "a.txt",
      "b.rss",
      "c.HTML",
      "d.atom",
      "e.xml",
      "f.htm",
    ]);
    expect(await newsFiles(path.join(folder, "notes.md"))).toEqual([path.join(folder, "notes.md")]);
    rmSync(folder, { recursive: true, force: true });
  });
});
