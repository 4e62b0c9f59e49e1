// Queries over partnerships and the partnership fields that need a lookup.
import {
  checkDate,
  checkFirst,
  checkIdList,
  checkListLength,
  checkOffset,
  checkTextLength,
  historyOfRecords,
  loadLists,
  MAX_DATE_ARGUMENT,
  RecordChange,
  RecordRank,
  type SubgraphContext,
} from "@twingraph/kit/subgraph";
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { Agreement } from "../entities/agreement.entity";
import { CityRef, cityRef } from "../entities/city-ref";
import { PartnershipKind, PartnershipStatus } from "../entities/enums";
import { Partnership } from "../entities/partnership.entity";
import {
  cityPartnershipIdsLoader,
  listedAgreements,
  listedPartnerships,
  memberLoader,
  partnershipAgreementIdsLoader,
  partnershipLoader,
} from "./agreements.loaders";

@Resolver(() => Partnership)
export class PartnershipResolver {
  @Query(() => Partnership, { nullable: true })
  partnership(@Arg("id", () => ID) id: string, @Ctx() context: SubgraphContext): Promise<Partnership | null> {
    return partnershipLoader(context).load(id);
  }

  @Query(() => Partnership, {
    nullable: true,
    description:
      "the partnership that joins all these cities (two or more): the one with the fewest other members; deprecated ones left out",
  })
  async partnershipBetween(
    @Arg("cityIds", () => [ID]) cityIds: string[],
    @Ctx() context: SubgraphContext,
  ): Promise<Partnership | null> {
    const wanted = checkIdList(checkListLength(cityIds, "cityIds"), "cityIds", 2);
    const perCity = await loadLists(cityPartnershipIdsLoader(context), wanted);
    const common = perCity.reduce((common, ids) => common.filter((id) => ids.includes(id)));
    const shared = await listedPartnerships(context, common);
    if (shared.length === 0) return null;
    const members = await loadLists(
      memberLoader(context),
      shared.map((partnership) => partnership.id),
    );
    return shared
      .map((partnership, index) => ({ partnership, size: members[index].length }))
      .sort((a, b) => a.size - b.size || a.partnership.id.localeCompare(b.partnership.id))[0].partnership;
  }

  @Query(() => [Partnership], {
    description:
      "partnerships, filtered; the earliest known start first; deprecated ones only when asked for",
  })
  async partnerships(
    @Arg("cityId", () => ID, { nullable: true }) cityId: string | null,
    @Arg("kind", () => PartnershipKind, { nullable: true }) kind: PartnershipKind | null,
    @Arg("status", () => PartnershipStatus, { nullable: true }) status: PartnershipStatus | null,
    @Arg("from", () => String, { nullable: true, description: "started on or after this date" }) from:
      | string
      | null,
    @Arg("to", () => String, { nullable: true, description: "started on or before this date" }) to:
      | string
      | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg("offset", () => Int, { nullable: true, defaultValue: 0 }) offset: number,
    @Arg("includeDeprecated", () => Boolean, { nullable: true, defaultValue: false })
    includeDeprecated: boolean | null,
    @Ctx() context: SubgraphContext,
  ): Promise<Partnership[]> {
    checkFirst(first);
    checkOffset(offset);
    const fromDate = checkDate(checkTextLength(from, "from", MAX_DATE_ARGUMENT), "from");
    const toDate = checkDate(checkTextLength(to, "to", MAX_DATE_ARGUMENT), "to");
    const query = context.db.getRepository(Partnership).createQueryBuilder("p");
    if (cityId) query.innerJoin("p.members", "m", "m.cityId = :cityId", { cityId });
    if (kind) query.andWhere("p.kind = :kind", { kind });
    if (status) query.andWhere("p.status = :status", { status });
    if (!includeDeprecated) query.andWhere("p.rank = :normal", { normal: RecordRank.NORMAL });
    if (fromDate) query.andWhere("p.since >= :fromDate", { fromDate });
    // a start known only as "2008-05" is on or before "2008" too
    if (toDate)
      query.andWhere("(p.since <= :toDate OR p.since LIKE :toPrefix)", { toDate, toPrefix: `${toDate}%` });
    return (
      query
        .orderBy("p.since IS NULL", "ASC")
        .addOrderBy("p.since", "ASC")
        .addOrderBy("p.id", "ASC")
        // limit/offset rather than take/skip: the join matches one member row per partnership
        .limit(first)
        .offset(offset)
        .getMany()
    );
  }

  @FieldResolver(() => [CityRef])
  async cities(@Root() partnership: Partnership, @Ctx() context: SubgraphContext): Promise<CityRef[]> {
    const cityIds = await memberLoader(context).load(partnership.id);
    return cityIds.map(cityRef);
  }

  @FieldResolver(() => [Agreement])
  async agreements(@Root() partnership: Partnership, @Ctx() context: SubgraphContext): Promise<Agreement[]> {
    const ids = await partnershipAgreementIdsLoader(context).load(partnership.id);
    return listedAgreements(context, ids);
  }

  @FieldResolver(() => [RecordChange], {
    description:
      "its versions and those of the agreements made for it (deprecated ones too), newest first: the dossier's history",
  })
  async history(
    @Root() partnership: Partnership,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Ctx() context: SubgraphContext,
  ): Promise<RecordChange[]> {
    checkFirst(first);
    const manager = context.db.manager;
    const agreements = await manager
      .getRepository(Agreement)
      .find({ select: { id: true }, where: { partnershipId: partnership.id } });
    return historyOfRecords(
      manager,
      [
        { entity: "Partnership", recordId: partnership.id },
        ...agreements.map((agreement) => ({ entity: "Agreement", recordId: agreement.id })),
      ],
      first,
    );
  }
}
