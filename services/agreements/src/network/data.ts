// The partnerships as the network sees them: one row each, with its places in order.
import type { SourceRecord } from "@twingraph/kit/text";
import type { DataSource } from "typeorm";
import type { PartnershipKind, PartnershipStatus } from "../entities/enums";
import { Partnership } from "../entities/partnership.entity";
import { partnershipMembers } from "../store";
import type { NetworkScope } from "./filter";

export interface PartnershipRow {
  id: string;
  kind: PartnershipKind;
  status: PartnershipStatus;
  since: string | null;
  until: string | null;
  distanceKm: number | null;
  sources: SourceRecord[];
  cityIds: string[];
}

export async function loadPartnershipRows(db: DataSource): Promise<PartnershipRow[]> {
  const rows = await db.getRepository(Partnership).find({
    select: { id: true, kind: true, status: true, since: true, until: true, distanceKm: true, sources: true },
    order: { id: "ASC" },
  });
  const members = new Map(
    (await partnershipMembers(db.manager)).map((partnership) => [partnership.id, partnership.cityIds]),
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    status: row.status,
    since: row.since,
    until: row.until,
    distanceKm: row.distanceKm,
    sources: row.sources,
    cityIds: members.get(row.id) ?? [],
  }));
}

/** City ids begin with the place's ISO country code ("si-kranj"): the kit's cityId makes them so. */
export function countryOfCity(cityId: string): string {
  return cityId.slice(0, 2).toUpperCase();
}

export function inScope(row: PartnershipRow, scope: NetworkScope): boolean {
  if (scope.kinds.length > 0 && !scope.kinds.includes(row.kind)) return false;
  if (scope.statuses.length > 0 && !scope.statuses.includes(row.status)) return false;
  if (scope.countryCode) {
    const inCountry = row.cityIds.map((id) => countryOfCity(id) === scope.countryCode);
    if (scope.domestic ? !inCountry.every(Boolean) : !inCountry.some(Boolean)) return false;
  }
  if (scope.from || scope.to) {
    if (!row.since) return false;
    if (scope.to && compareDates(row.since, scope.to) > 0) return false;
    if (scope.from && row.until && compareDates(row.until, scope.from) < 0) return false;
  }
  return true;
}

/** Dates at different precisions compare on what both state: "2008" is neither before nor after "2008-05". */
function compareDates(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  return a.slice(0, length).localeCompare(b.slice(0, length));
}
