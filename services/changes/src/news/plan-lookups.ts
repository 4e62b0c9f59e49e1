// The planner's lookups (news-extract's PlanLookups) over the data subgraphs' steps: place
// candidates are the graph's cities first, then GeoNames places from the gazetteer, read once per
// process (about 0.7 s to read and 8 s to index every country's names by key here, and some 250 MB):
// on the first ingestion, or at start when main warms it.
import { type Gazetteer, gazetteerCandidates, loadGazetteer } from "@twingraph/gazetteer";
import type { GraphPlaceCandidate } from "@twingraph/kit/text";
import type { PlaceCandidate, PlanLookups } from "@twingraph/news-extract";
import type { NewsLookups } from "./lookups";

export function planLookups(lookups: NewsLookups, gazetteer: () => Gazetteer = loadGazetteer): PlanLookups {
  return {
    async candidates(keys) {
      const graph = byKey(await lookups.placeCandidates(keys));
      return gazetteerCandidates(gazetteer(), keys, graph);
    },
    async partnerships(pairs) {
      const found = await lookups.pairPartnerships(pairs);
      return new Map(found.map(({ pair, id }) => [pair, id]));
    },
    seenNews: (url, contentHash) => lookups.newsSeen(url, contentHash),
  };
}

function byKey(candidates: readonly GraphPlaceCandidate[]): Map<string, PlaceCandidate[]> {
  const grouped = new Map<string, PlaceCandidate[]>();
  for (const { key, ...place } of candidates) {
    const list = grouped.get(key);
    if (list) list.push(place);
    else grouped.set(key, [place]);
  }
  return grouped;
}

/**
 * Reads the gazetteer and indexes it in steps, so that the first ingestion does not pay for it while
 * the process keeps answering (an ingestion arriving meanwhile finishes the index); the time taken, in ms.
 */
export async function warmGazetteer(gazetteer: () => Gazetteer = loadGazetteer): Promise<number> {
  const started = performance.now();
  await gazetteer().indexInSteps();
  return Math.round(performance.now() - started);
}
