// Batched lookups of partnerships, their members and agreements: one statement per kind per request.
import { byKey, groupedByKey, loadLists, type SubgraphContext } from "@twingraph/kit";
import { In } from "typeorm";
import { Agreement } from "../entities/agreement.entity";
import { AgreementCity } from "../entities/agreement-city.entity";
import { Partnership } from "../entities/partnership.entity";
import { PartnershipCity } from "../entities/partnership-city.entity";

export function partnershipLoader(context: SubgraphContext) {
  return context.loaders.get<string, Partnership | null>("partnership", async (ids) => {
    const rows = await context.db.getRepository(Partnership).findBy({ id: In([...ids]) });
    return byKey(ids, rows, (partnership) => partnership.id);
  });
}

/** City ids of each partnership, in the partnership's own order. */
export function memberLoader(context: SubgraphContext) {
  return context.loaders.get<string, string[]>("partnership.members", async (partnershipIds) => {
    const rows = await context.db
      .getRepository(PartnershipCity)
      .find({ where: { partnershipId: In([...partnershipIds]) }, order: { position: "ASC" } });
    return groupedByKey(partnershipIds, rows, (row) => row.partnershipId).map((group) =>
      group.map((row) => row.cityId),
    );
  });
}

/** Partnership ids each city belongs to. */
export function cityPartnershipIdsLoader(context: SubgraphContext) {
  return context.loaders.get<string, string[]>("city.partnershipIds", async (cityIds) => {
    const rows = await context.db
      .getRepository(PartnershipCity)
      .find({ where: { cityId: In([...cityIds]) }, order: { partnershipId: "ASC" } });
    return groupedByKey(cityIds, rows, (row) => row.cityId).map((group) =>
      group.map((row) => row.partnershipId),
    );
  });
}

export function agreementLoader(context: SubgraphContext) {
  return context.loaders.get<string, Agreement | null>("agreement", async (ids) => {
    const rows = await context.db.getRepository(Agreement).findBy({ id: In([...ids]) });
    return byKey(ids, rows, (agreement) => agreement.id);
  });
}

/** Agreement ids binding each city. */
export function cityAgreementIdsLoader(context: SubgraphContext) {
  return context.loaders.get<string, string[]>("city.agreementIds", async (cityIds) => {
    const rows = await context.db
      .getRepository(AgreementCity)
      .find({ where: { cityId: In([...cityIds]) }, order: { agreementId: "ASC" } });
    return groupedByKey(cityIds, rows, (row) => row.cityId).map((group) =>
      group.map((row) => row.agreementId),
    );
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
      context.db.getRepository(Agreement).find({
        select: { id: true, partnershipId: true },
        where: { partnershipId: In([...partnershipIds]) },
      }),
      loadLists(cityAgreementIdsLoader(context), cityIds),
    ]);
    const agreementsOfCity = new Map(cityIds.map((cityId, index) => [cityId, perCity[index]]));
    return partnershipIds.map((partnershipId, index) => {
      const ids = new Set(own.filter((row) => row.partnershipId === partnershipId).map((row) => row.id));
      const cities = members[index];
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
