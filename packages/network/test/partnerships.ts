// Small partnership rows for the tests: places are "si-a"-style ids so their country is the prefix.
import type { PartnershipRow } from "../src";

let counter = 0;

/** A twinning in force, documented nowhere, unless `fields` say otherwise. */
export function partnership(cityIds: string[], fields: Partial<PartnershipRow> = {}): PartnershipRow {
  counter += 1;
  return {
    id: `p${String(counter).padStart(4, "0")}`,
    kind: "TWINNING",
    status: "ACTIVE",
    since: null,
    until: null,
    distanceKm: null,
    sources: [],
    cityIds,
    ...fields,
  };
}

/** One two-place partnership per pair: "si-a si-b" -> a partnership between the two. */
export function pairs(...edges: string[]): PartnershipRow[] {
  return edges.map((edge) => partnership(edge.split(" ")));
}
