// Which part of the network a view looks at: partnerships by country, kind, status and period, in
// one canonical form so that equal scopes share a cache entry and stored measures.
import { countryOfCity, type PartnershipRow } from "./partnership";

export interface NetworkScope<Kind extends string = string, Status extends string = string> {
  /** ISO 3166-1 alpha-2, upper case */
  countryCode: string | null;
  /** with countryCode: all places in the country, not just one */
  domestic: boolean;
  /** sorted, without repeats; empty for any */
  kinds: Kind[];
  statuses: Status[];
  from: string | null;
  to: string | null;
}

/** `never` lists so that the whole network is a scope of every vocabulary. */
export const WHOLE_NETWORK: NetworkScope<never, never> = {
  countryCode: null,
  domestic: false,
  kinds: [],
  statuses: [],
  from: null,
  to: null,
};

export function scopeKey(scope: NetworkScope): string {
  return JSON.stringify(scope);
}

/** "country=SI, kinds=TWINNING" for file credits and logs; "whole network" when unfiltered. */
export function describeScope(scope: NetworkScope): string {
  const parts = [
    scope.countryCode && `country=${scope.countryCode}${scope.domestic ? " (domestic)" : ""}`,
    scope.kinds.length > 0 && `kinds=${scope.kinds.join("|")}`,
    scope.statuses.length > 0 && `statuses=${scope.statuses.join("|")}`,
    scope.from && `from=${scope.from}`,
    scope.to && `to=${scope.to}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "whole network";
}

export function inScope<Kind extends string, Status extends string>(
  row: PartnershipRow<Kind, Status>,
  scope: NetworkScope<Kind, Status>,
): boolean {
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
