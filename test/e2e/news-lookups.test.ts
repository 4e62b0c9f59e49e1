// The internal lookups ingestNews plans with, on the seeded graph in one process: place candidates by
// name key or stem (cities), the partnership joining two cities (agreements), a news item seen by
// url or hash, applied or proposed (news); and ingestNews staging through the in-process participants
// (the kit's stageEdits over each subgraph's real editing registry).
import { readFileSync } from "node:fs";
import path from "node:path";
import { pairPartnerships } from "@twingraph/agreements";
import { ingestNews } from "@twingraph/changes";
import { placeCandidates } from "@twingraph/cities";
import { StagedEdit, type Viewer } from "@twingraph/kit/subgraph";
import { nameKey, nameStem, pairKey } from "@twingraph/kit/text";
import { seenNewsItem } from "@twingraph/news";
import { contentHash } from "@twingraph/news-extract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, type ScratchDatabase } from "../src/editing/scratch-database";
import { type Federation, inProcessFederation } from "../src/harness";

const CONTRIBUTOR: Viewer = { subject: "test-contributor", name: "Test Contributor", role: "contributor" };
const FIXTURE = JSON.parse(readFileSync(path.resolve(__dirname, "../fixtures/news/sl-06.json"), "utf8")) as {
  text: string;
};
/** A real news item of Kranj (A's fixture sl-06): its dateline, title and first sentence, verbatim. */
const NEWS_TEXT = FIXTURE.text.slice(0, FIXTURE.text.indexOf("ponudbo.") + "ponudbo.".length);

const POSTGRES_URL = process.env.TEST_DATABASE_URL;

describe.each([
  ["SQLite", false],
  ["PostgreSQL (skipped without TEST_DATABASE_URL)", true],
] as const)("the lookups ingestNews plans with, on %s", (_database, postgres) => {
  let federation: Federation;
  let scratch: ScratchDatabase | undefined;

  beforeAll(async () => {
    if (postgres && !POSTGRES_URL) return;
    scratch = postgres ? await createScratchDatabase(POSTGRES_URL as string, "news_lookups") : undefined;
    federation = await inProcessFederation({ databaseUrl: scratch?.url });
  }, 300_000);
  afterAll(async () => {
    await federation?.close();
    await scratch?.drop();
  });
  const skip = postgres && !POSTGRES_URL;

  it.skipIf(skip)("find graph cities by any name's key or stem, inflected forms too", async () => {
    const keys = [nameKey("Beljak"), nameStem("Kranju"), nameKey("Nowhere-on-Test")];
    const found = await placeCandidates(federation.databases.cities.manager, keys);
    expect(found.map(({ key, cityId }) => `${key} ${cityId}`)).toEqual(
      expect.arrayContaining([`${nameKey("Beljak")} at-villach`, `${nameStem("Kranju")} si-kranj`]),
    );
    expect(found.filter(({ key }) => key === nameKey("Nowhere-on-Test"))).toEqual([]);
  });

  it.skipIf(skip)("find the partnership that joins two cities, in either order", async () => {
    const found = await pairPartnerships(federation.databases.agreements.manager, [
      ["si-kranj", "at-villach"],
      ["at-villach", "si-kranj"],
      ["si-kranj", "si-kranj-nowhere"],
    ]);
    expect(found).toHaveLength(1);
    expect(found[0].pair).toBe(pairKey("si-kranj", "at-villach"));
    expect(found[0].id).toMatch(/kranj|villach/);
  });

  it.skipIf(skip)(
    "know a news item by its url or content hash once proposed, and stage through each subgraph in process",
    async () => {
      const { databases } = federation;
      const url = "https://example.org/twingraph-test/news-lookups";
      const hash = contentHash(NEWS_TEXT);
      expect(await seenNewsItem(databases.news.manager, url, hash)).toBeNull();

      const answer = await ingestNews(databases.changes, CONTRIBUTOR, { text: NEWS_TEXT, url });
      expect(answer.changeset?.status).toBe("OPEN");
      expect(answer.staged).toBeGreaterThanOrEqual(2);
      const staged = await databases.news
        .getRepository(StagedEdit)
        .findBy({ changesetId: answer.changeset?.id });
      expect(staged.map((edit) => `${edit.entity} ${edit.op} ${edit.state}`).sort()).toEqual([
        "NewsItem CREATE STAGED",
        "Visit CREATE STAGED",
      ]);
      // proposed, not applied: known by its url and by its hash alike
      expect(await seenNewsItem(databases.news.manager, url, "0".repeat(64))).toBe(answer.newsItemId);
      expect(await seenNewsItem(databases.news.manager, null, hash)).toBe(answer.newsItemId);
      const again = await ingestNews(databases.changes, CONTRIBUTOR, { text: NEWS_TEXT });
      expect(again).toMatchObject({ changeset: null, duplicateOf: answer.newsItemId, staged: 0 });
    },
    120_000,
  );
});
