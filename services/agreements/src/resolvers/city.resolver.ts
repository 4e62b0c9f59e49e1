// What this subgraph adds to City: its partnerships, its partners and the agreements that bind it,
// deprecated ones left out.
// Each is nullable (docs/api-policy.md): with this subgraph down, the gateway nulls these fields
// alone, not the City.
import { loadLists, type SubgraphContext } from "@twingraph/kit/subgraph";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Agreement } from "../entities/agreement.entity";
import { CityRef, cityRef } from "../entities/city-ref";
import { Partnership } from "../entities/partnership.entity";
import {
  cityAgreementIdsLoader,
  cityPartnershipIdsLoader,
  listedAgreements,
  listedPartnerships,
  memberLoader,
} from "./agreements.loaders";

@Resolver(() => CityRef)
export class CityPartnershipsResolver {
  @FieldResolver(() => [Partnership], { nullable: true })
  async partnerships(@Root() city: CityRef, @Ctx() context: SubgraphContext): Promise<Partnership[]> {
    const ids = await cityPartnershipIdsLoader(context).load(city.id);
    return listedPartnerships(context, ids);
  }

  @FieldResolver(() => [CityRef], { nullable: true, description: "the other cities of its partnerships" })
  async partners(@Root() city: CityRef, @Ctx() context: SubgraphContext): Promise<CityRef[]> {
    const ids = await cityPartnershipIdsLoader(context).load(city.id);
    const partnerships = await listedPartnerships(context, ids);
    const memberLists = await loadLists(
      memberLoader(context),
      partnerships.map((partnership) => partnership.id),
    );
    const partnerIds = new Set(memberLists.flat());
    partnerIds.delete(city.id);
    return [...partnerIds].map(cityRef);
  }

  @FieldResolver(() => [Agreement], { nullable: true })
  async agreements(@Root() city: CityRef, @Ctx() context: SubgraphContext): Promise<Agreement[]> {
    const ids = await cityAgreementIdsLoader(context).load(city.id);
    return listedAgreements(context, ids);
  }
}
