// Which part of the network a query looks at: partnerships by country, kind, status and period.
import { badUserInput, checkCountry, checkDate } from "@twingraph/kit/subgraph";
import { Field, InputType } from "type-graphql";
import { PartnershipKind, PartnershipStatus } from "../entities/enums";

@InputType({ description: "A part of the partnership network; every condition given must hold." })
export class NetworkFilter {
  @Field(() => String, {
    nullable: true,
    description: 'partnerships with a place in this country: ISO 3166-1 alpha-2 code or English name ("SI")',
  })
  country?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "with country: only partnerships whose places are all in it (default: any place in it)",
  })
  domestic?: boolean | null;

  @Field(() => [PartnershipKind], { nullable: true })
  kinds?: PartnershipKind[] | null;

  @Field(() => [PartnershipStatus], { nullable: true })
  statuses?: PartnershipStatus[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      "in force at some time on or after this date; partnerships without a known start are left out",
  })
  from?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "in force at some time on or before this date; partnerships without a known start are left out",
  })
  to?: string | null;
}

/** A checked filter in one canonical form, so equal filters share a cache entry. */
export interface NetworkScope {
  countryCode: string | null;
  domestic: boolean;
  kinds: PartnershipKind[];
  statuses: PartnershipStatus[];
  from: string | null;
  to: string | null;
}

export const WHOLE_NETWORK: NetworkScope = {
  countryCode: null,
  domestic: false,
  kinds: [],
  statuses: [],
  from: null,
  to: null,
};

export function checkNetworkFilter(filter: NetworkFilter | null | undefined): NetworkScope {
  if (!filter) return WHOLE_NETWORK;
  if (filter.domestic && !filter.country) throw badUserInput("filter.domestic", "needs filter.country");
  return {
    countryCode: checkCountry(filter.country, "filter.country") ?? null,
    domestic: filter.domestic ?? false,
    kinds: [...new Set(filter.kinds ?? [])].sort(),
    statuses: [...new Set(filter.statuses ?? [])].sort(),
    from: checkDate(filter.from, "filter.from") ?? null,
    to: checkDate(filter.to, "filter.to") ?? null,
  };
}

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
