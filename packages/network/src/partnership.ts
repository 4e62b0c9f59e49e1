// The partnerships as the network sees them: plain rows, one per partnership, with its places in
// order. Kinds and statuses are the caller's vocabulary; the network only compares them.

/** Where a partnership is documented; only the document and its address matter to the network. */
export interface SourceRef {
  document: string;
  url?: string | null;
}

export interface PartnershipRow<Kind extends string = string, Status extends string = string> {
  id: string;
  kind: Kind;
  status: Status;
  /** ISO dates at any precision: "2008", "2008-05", "2008-05-17" */
  since: string | null;
  until: string | null;
  distanceKm: number | null;
  sources: readonly SourceRef[];
  cityIds: string[];
}

/** City ids begin with the place's ISO country code ("si-kranj"): the kit's cityId makes them so. */
export function countryOfCity(cityId: string): string {
  return cityId.slice(0, 2).toUpperCase();
}
