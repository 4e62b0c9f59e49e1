// Which part of the network a query looks at: partnerships by country, kind, status and period.
import {
  badUserInput,
  checkCountry,
  checkDate,
  checkListLength,
  checkTextLength,
  MAX_COUNTRY_ARGUMENT,
  MAX_DATE_ARGUMENT,
} from "@twingraph/kit/subgraph";
import { WHOLE_NETWORK } from "@twingraph/network";
import { Field, InputType } from "type-graphql";
import { PartnershipKind, PartnershipStatus } from "../entities/enums";
import type { PartnershipScope } from "./data";

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

/** A checked filter in the canonical form of a scope, so equal filters share a cache entry. */
export function checkNetworkFilter(filter: NetworkFilter | null | undefined): PartnershipScope {
  if (!filter) return WHOLE_NETWORK;
  if (filter.domestic && !filter.country) throw badUserInput("filter.domestic", "needs filter.country");
  return {
    countryCode:
      checkCountry(
        checkTextLength(filter.country, "filter.country", MAX_COUNTRY_ARGUMENT),
        "filter.country",
      ) ?? null,
    domestic: filter.domestic ?? false,
    kinds: [...new Set(checkListLength(filter.kinds ?? [], "filter.kinds"))].sort(),
    statuses: [...new Set(checkListLength(filter.statuses ?? [], "filter.statuses"))].sort(),
    from: checkDate(checkTextLength(filter.from, "filter.from", MAX_DATE_ARGUMENT), "filter.from") ?? null,
    to: checkDate(checkTextLength(filter.to, "filter.to", MAX_DATE_ARGUMENT), "filter.to") ?? null,
  };
}
