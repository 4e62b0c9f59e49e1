// searchNews through the gateway over the seeded graph, on SQLite and (with TEST_DATABASE_URL) on
// PostgreSQL: the two searches find the seed's own items, "pobratenje Kranj" the Kranj–Villach
// visit (whose summary says "pobratenega mesta" and "V Kranju") and "Крагујевац" the French–Serbian
// page (which names Kragujevac, in Latin letters and the genitive, only in a quote of its sources).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Federation, inProcessFederation } from "../src/harness";
import { dropScratchSchemas } from "../src/scratch-schemas";

const SEARCH = `query ($query: String!) {
  searchNews(query: $query) { item { id title } snippet }
}`;

interface Hit {
  item: { id: string; title: string };
  snippet: string;
}

function describeSeededSearch(
  title: string,
  options: Parameters<typeof inProcessFederation>[0],
  drop?: () => Promise<void>,
) {
  describe(title, () => {
    let federation: Federation;
    beforeAll(async () => {
      federation = await inProcessFederation(options);
    });
    afterAll(async () => {
      await federation?.close();
      await drop?.();
    });

    async function search(query: string): Promise<Hit[]> {
      const result = await federation.execute(SEARCH, { query });
      expect(result.errors).toBeUndefined();
      return (result.data as { searchNews: Hit[] }).searchNews;
    }

    it('finds the Kranj–Villach item by "pobratenje Kranj"', async () => {
      const hits = await search("pobratenje Kranj");
      expect(hits.map((hit) => hit.item.id)).toEqual(["n-kranj-villach-2016-02-25"]);
      expect(hits[0]!.snippet).toContain("<mark>Kranju</mark>");
      expect(hits[0]!.snippet).toContain("<mark>pobratenega</mark>");
    });

    it('finds the French–Serbian item by "Крагујевац", its snippet in the page\'s own Latin script', async () => {
      const hits = await search("Крагујевац");
      expect(hits.map((hit) => hit.item.id)).toEqual(["n-ambafrance-skgo-2020"]);
      expect(hits[0]!.snippet).toContain("između gradova Sirena i <mark>Kragujevca</mark>");
    });
  });
}

describeSeededSearch("searchNews over the seeded graph (SQLite)", {});

const url = process.env.TEST_DATABASE_URL;
const prefix = `news_search_${randomBytes(4).toString("hex")}_`;

describe.skipIf(!url)(
  url
    ? "searchNews over the seeded graph (PostgreSQL)"
    : "searchNews on PostgreSQL: skipped, TEST_DATABASE_URL (postgres://...) is not set",
  () => {
    describeSeededSearch("in scratch schemas", { databaseUrl: url, schemaPrefix: prefix }, () =>
      dropScratchSchemas(url!, prefix),
    );
  },
);
