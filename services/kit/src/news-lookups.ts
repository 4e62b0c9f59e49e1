// The internal steps (POST, JSON, behind the gateway secret) the changes subgraph's ingestNews takes
// to plan a news item's edits, each served by the subgraph that owns the data: which graph cities a
// name key may mean, which partnership joins two cities, and whether a news item was ingested before.

export const NEWS_LOOKUP_PATHS = {
  /** cities: `{ keys }` → `{ candidates: GraphPlaceCandidate[] }`, not deprecated */
  placeCandidates: "/changes/place-candidates",
  /** agreements: `{ pairs: [cityId, cityId][] }` → `{ partnerships: PairPartnership[] }`, not deprecated */
  pairPartnerships: "/changes/pair-partnerships",
  /** news: `{ url, contentHash }` → `{ newsItemId }`, the item with that url or hash, else null */
  newsSeen: "/changes/news-seen",
} as const;

/** The most keys, pairs or the like one lookup takes: a caller with more asks in several requests. */
export const MAX_LOOKUP_ITEMS = 1_000;

/** A place a name may mean: a graph city, or a GeoNames place the graph does not hold yet. */
export interface PlaceCandidate {
  /** the graph's city id when the graph has it ("rs-kragujevac"); null for a GeoNames-only place */
  cityId: string | null;
  geonameId: number | null;
  name: string;
  countryCode: string;
  latitude: number | null;
  longitude: number | null;
  population: number | null;
}

/** A graph city whose name, local name or alias has the asked key as its name key or stem. */
export interface GraphPlaceCandidate extends PlaceCandidate {
  /** the key asked */
  key: string;
  cityId: string;
}

export interface PairPartnership {
  /** pairKey of the two cities asked */
  pair: string;
  /** the partnership that joins them (a bilateral one before a group) */
  id: string;
}

/** Two city ids as one key, in sorted order: "at-villach|si-kranj". */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
