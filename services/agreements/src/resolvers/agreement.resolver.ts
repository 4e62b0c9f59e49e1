// Queries over agreements and the agreement fields that point at other records.
import {
  checkFirst,
  historyOf,
  RecordChange,
  RecordRank,
  type SubgraphContext,
} from "@twingraph/kit/subgraph";
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { Agreement } from "../entities/agreement.entity";
import { AgreementCity } from "../entities/agreement-city.entity";
import { AgreementKind } from "../entities/enums";
import { Partnership } from "../entities/partnership.entity";
import { agreementLoader, partnershipLoader } from "./agreements.loaders";

@Resolver(() => Agreement)
export class AgreementResolver {
  @Query(() => Agreement, { nullable: true })
  agreement(@Arg("id", () => ID) id: string, @Ctx() context: SubgraphContext): Promise<Agreement | null> {
    return agreementLoader(context).load(id);
  }

  @Query(() => [Agreement], {
    description: "agreements, latest signed first; deprecated ones only when asked for",
  })
  async agreements(
    @Arg("cityId", () => ID, { nullable: true }) cityId: string | null,
    @Arg("kind", () => AgreementKind, { nullable: true }) kind: AgreementKind | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg("includeDeprecated", () => Boolean, { nullable: true, defaultValue: false })
    includeDeprecated: boolean | null,
    @Ctx() context: SubgraphContext,
  ): Promise<Agreement[]> {
    checkFirst(first);
    const query = context.db.getRepository(Agreement).createQueryBuilder("a");
    // a subquery, not the city's agreement ids as parameters: a city may be bound by more than a
    // statement can list
    if (cityId)
      query.andWhere(
        `a.id IN ${query.subQuery().select("ac.agreementId").from(AgreementCity, "ac").where("ac.cityId = :cityId").getQuery()}`,
        { cityId },
      );
    if (kind) query.andWhere("a.kind = :kind", { kind });
    if (!includeDeprecated) query.andWhere("a.rank = :normal", { normal: RecordRank.NORMAL });
    return query.orderBy("a.signedOn", "DESC").addOrderBy("a.id", "ASC").take(first).getMany();
  }

  @FieldResolver(() => Agreement, { nullable: true, description: "the earlier document it rests on" })
  basedOn(@Root() agreement: Agreement, @Ctx() context: SubgraphContext): Promise<Agreement | null> | null {
    return agreement.basedOnId ? agreementLoader(context).load(agreement.basedOnId) : null;
  }

  @FieldResolver(() => Partnership, { nullable: true })
  partnership(
    @Root() agreement: Agreement,
    @Ctx() context: SubgraphContext,
  ): Promise<Partnership | null> | null {
    return agreement.partnershipId ? partnershipLoader(context).load(agreement.partnershipId) : null;
  }

  @FieldResolver(() => [RecordChange], { description: "its versions, newest first" })
  history(
    @Root() agreement: Agreement,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Ctx() context: SubgraphContext,
  ): Promise<RecordChange[]> {
    checkFirst(first);
    return historyOf(context.db.manager, "Agreement", agreement.id, first);
  }
}
