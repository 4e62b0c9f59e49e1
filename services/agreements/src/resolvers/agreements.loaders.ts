// Batched lookups of partnerships, their members and agreements: one statement per kind per request.
import {
  linkLoader,
  loadLists,
  loadPresent,
  RecordRank,
  recordLoader,
  type SubgraphContext,
  type VersionedRecord,
} from "@twingraph/kit/subgraph";
import { Agreement } from "../entities/agreement.entity";
import { AgreementCity } from "../entities/agreement-city.entity";
import { Partnership } from "../entities/partnership.entity";
import { PartnershipCity } from "../entities/partnership-city.entity";

/** Whether a record shows in default reads: deprecated ones only when asked for, or looked up by id. */
function isListed(record: VersionedRecord): boolean {
  return record.rank !== RecordRank.DEPRECATED;
}

/** The partnerships of these ids that default reads show, in the ids' order. */
export async function listedPartnerships(
  context: SubgraphContext,
  ids: readonly string[],
): Promise<Partnership[]> {
  return (await loadPresent(partnershipLoader(context), ids)).filter(isListed);
}

/** The agreements of these ids that default reads show, in the ids' order. */
export async function listedAgreements(
  context: SubgraphContext,
  ids: readonly string[],
): Promise<Agreement[]> {
  return (await loadPresent(agreementLoader(context), ids)).filter(isListed);
}

export function partnershipLoader(context: SubgraphContext) {
  return recordLoader(context, Partnership, "partnership");
}

/** City ids of each partnership, in the partnership's own order. */
export function memberLoader(context: SubgraphContext) {
  return linkLoader(context, PartnershipCity, "partnership.members", {
    from: "partnershipId",
    to: "cityId",
    order: { position: "ASC" },
  });
}

/** Partnership ids each city belongs to. */
export function cityPartnershipIdsLoader(context: SubgraphContext) {
  return linkLoader(context, PartnershipCity, "city.partnershipIds", {
    from: "cityId",
    to: "partnershipId",
    order: { partnershipId: "ASC" },
  });
}

export function agreementLoader(context: SubgraphContext) {
  return recordLoader(context, Agreement, "agreement");
}

/** Agreement ids binding each city. */
export function cityAgreementIdsLoader(context: SubgraphContext) {
  return linkLoader(context, AgreementCity, "city.agreementIds", {
    from: "cityId",
    to: "agreementId",
    order: { agreementId: "ASC" },
  });
}

/** Ids of the agreements made for each partnership. */
function ownAgreementIdsLoader(context: SubgraphContext) {
  return linkLoader(context, Agreement, "partnership.ownAgreementIds", {
    from: "partnershipId",
    to: "id",
    order: { id: "ASC" },
  });
}

/**
 * Agreements of each partnership: those made for it, and those whose parties include every one of
 * its cities (the coal-towns agreement binds Velenje and Pljevlja too).
 */
export function partnershipAgreementIdsLoader(context: SubgraphContext) {
  return context.loaders.get<string, string[]>("partnership.agreementIds", async (partnershipIds) => {
    const members = await loadLists(memberLoader(context), partnershipIds);
    const cityIds = [...new Set(members.flat())];
    const [own, perCity] = await Promise.all([
      loadLists(ownAgreementIdsLoader(context), partnershipIds),
      loadLists(cityAgreementIdsLoader(context), cityIds),
    ]);
    const agreementsOfCity = new Map(cityIds.map((cityId, index) => [cityId, perCity[index]]));
    return members.map((cities, index) => {
      const ids = new Set(own[index]);
      if (cities.length >= 2) {
        const [firstCity, ...others] = cities;
        for (const agreementId of agreementsOfCity.get(firstCity) ?? []) {
          if (others.every((cityId) => agreementsOfCity.get(cityId)?.includes(agreementId)))
            ids.add(agreementId);
        }
      }
      return [...ids].sort();
    });
  });
}
