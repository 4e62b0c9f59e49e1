// What planning news asks of the graph, answered from the databases an import writes: the cities a
// place mention may mean (the graph's, by the key or stem of any name the city table keeps, then
// GeoNames places the graph lacks), the partnership of a pair of cities, and whether a text or URL
// was ingested before. Plans made earlier in the same run count as written: a feed that names one
// new partnership twice proposes it once, and an entry repeated in a second file is a duplicate.
import { partnershipsByMembers } from "@twingraph/agreements";
import { placeCandidates } from "@twingraph/cities";
import { type Gazetteer, gazetteerCandidates, loadGazetteer } from "@twingraph/gazetteer";
import { NewsItem } from "@twingraph/news";
import { type NewsPlan, type PlaceCandidate, type PlanLookups, pairKey } from "@twingraph/news-extract";
import type { Databases } from "../databases";

export interface RunLookups extends PlanLookups {
  /** counts a plan as written for the rest of the run */
  remember(plan: NewsPlan, contentHash: string): void;
}

export async function openNewsLookups(
  databases: Databases,
  gazetteer: Gazetteer = loadGazetteer(),
): Promise<RunLookups> {
  const partnerships = await partnershipsByMembers(databases.agreements.manager);
  const plannedNews = new Map<string, string>();
  const known = new Map<string, PlaceCandidate[]>();
  return {
    // the graph's places do not change while a run plans: each key is looked up once per run
    async candidates(keys) {
      const asked = [...new Set(keys)].filter((key) => !known.has(key));
      const found = gazetteerCandidates(gazetteer, asked, await graphCandidates(databases, asked));
      for (const key of asked) known.set(key, found.get(key) ?? []);
      return new Map(keys.flatMap((key) => (known.get(key)?.length ? [[key, known.get(key) ?? []]] : [])));
    },
    async partnerships(pairs) {
      return new Map(
        pairs.flatMap((pair) => {
          const id = partnerships.get(pairKey(pair));
          return id ? [[pairKey(pair), id] as const] : [];
        }),
      );
    },
    async seenNews(url, contentHash) {
      const planned = (url && plannedNews.get(`url ${url}`)) || plannedNews.get(`hash ${contentHash}`);
      if (planned) return planned;
      const item = await databases.news.getRepository(NewsItem).findOne({
        select: { id: true },
        where: [...(url ? [{ url }] : []), { contentHash }],
        order: { id: "ASC" },
      });
      return item?.id ?? null;
    },
    remember({ edits, report }, contentHash) {
      if (report.duplicateOf) return;
      plannedNews.set(`hash ${contentHash}`, report.newsItemId);
      if (report.url) plannedNews.set(`url ${report.url}`, report.newsItemId);
      for (const edit of edits) {
        if (edit.entity !== "Partnership") continue;
        const cityIds = edit.values.cityIds as string[];
        partnerships.set(pairKey(cityIds), edit.recordId);
      }
    },
  };
}

/** The graph's cities (not deprecated) with a name whose key or stem is one of these, per key. */
async function graphCandidates(
  databases: Databases,
  keys: readonly string[],
): Promise<Map<string, PlaceCandidate[]>> {
  const byKey = new Map<string, PlaceCandidate[]>();
  for (const { key, ...candidate } of await placeCandidates(databases.cities.manager, keys))
    byKey.set(key, [...(byKey.get(key) ?? []), candidate]);
  return byKey;
}
