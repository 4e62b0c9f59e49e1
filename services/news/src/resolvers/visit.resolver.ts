// Queries over visits, and the visit fields that need a lookup.
import {
  checkDate,
  checkFirst,
  checkOffset,
  checkTextLength,
  historyOf,
  MAX_DATE_ARGUMENT,
  RecordChange,
  RecordRank,
  type SubgraphContext,
} from "@twingraph/kit/subgraph";
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { NewsItem } from "../entities/news-item.entity";
import { CityRef, cityRef, PartnershipRef, partnershipRef } from "../entities/refs";
import { Visit } from "../entities/visit.entity";
import { VisitCity } from "../entities/visit-city.entity";
import {
  newsItemLoader,
  visitLoader,
  visitPartnershipIdsLoader,
  visitVisitorIdsLoader,
} from "./news.loaders";

@Resolver(() => Visit)
export class VisitResolver {
  @Query(() => Visit, { nullable: true, description: "a visit by id, deprecated or not" })
  visit(@Arg("id", () => ID) id: string, @Ctx() context: SubgraphContext): Promise<Visit | null> {
    return visitLoader(context).load(id);
  }

  @Query(() => [Visit], { description: "visits, the latest first" })
  async visits(
    @Arg("cityId", () => ID, { nullable: true, description: "only those it hosted or sent" }) cityId:
      | string
      | null,
    @Arg("from", () => String, { nullable: true, description: "on or after this date" }) from: string | null,
    @Arg("to", () => String, { nullable: true, description: "on or before this date" }) to: string | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg("offset", () => Int, { nullable: true, defaultValue: 0 }) offset: number,
    @Arg("includeDeprecated", () => Boolean, {
      nullable: true,
      defaultValue: false,
      description: "deprecated records too, which are left out by default",
    })
    includeDeprecated: boolean | null,
    @Ctx() context: SubgraphContext,
  ): Promise<Visit[]> {
    checkFirst(first);
    checkOffset(offset);
    const fromDate = checkDate(checkTextLength(from, "from", MAX_DATE_ARGUMENT), "from");
    const toDate = checkDate(checkTextLength(to, "to", MAX_DATE_ARGUMENT), "to");
    const query = context.db.getRepository(Visit).createQueryBuilder("v");
    // a subquery, not the city's visit ids as parameters: a city may have more visits than a
    // statement can list
    if (cityId)
      query.andWhere(
        `v.id IN ${query.subQuery().select("vc.visitId").from(VisitCity, "vc").where("vc.cityId = :cityId").getQuery()}`,
        { cityId },
      );
    if (!includeDeprecated) query.andWhere("v.rank = :normal", { normal: RecordRank.NORMAL });
    if (fromDate) query.andWhere("v.date >= :fromDate", { fromDate });
    // a more precise date within `to` ("2016-02-25" within "2016") counts as on or before it; a prefix
    // match says so under any collation, where a sentinel such as "2016~" depends on the locale
    if (toDate)
      query.andWhere("(v.date <= :toDate OR v.date LIKE :toPrefix)", { toDate, toPrefix: `${toDate}%` });
    return query.orderBy("v.date", "DESC").addOrderBy("v.id", "ASC").take(first).skip(offset).getMany();
  }

  @FieldResolver(() => [CityRef], { description: "the places the delegation came from" })
  async visitors(@Root() visit: Visit, @Ctx() context: SubgraphContext): Promise<CityRef[]> {
    return (await visitVisitorIdsLoader(context).load(visit.id)).map(cityRef);
  }

  @FieldResolver(() => NewsItem, { nullable: true, description: "the news item that reports it" })
  news(@Root() visit: Visit, @Ctx() context: SubgraphContext): Promise<NewsItem | null> | null {
    return visit.newsItemId ? newsItemLoader(context).load(visit.newsItemId) : null;
  }

  @FieldResolver(() => [PartnershipRef], {
    description: "the partnerships it is linked to explicitly, besides those of its cities",
  })
  async partnerships(@Root() visit: Visit, @Ctx() context: SubgraphContext): Promise<PartnershipRef[]> {
    return (await visitPartnershipIdsLoader(context).load(visit.id)).map(partnershipRef);
  }

  @FieldResolver(() => [RecordChange], { description: "its versions, the newest first" })
  history(
    @Root() visit: Visit,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Ctx() context: SubgraphContext,
  ): Promise<RecordChange[]> {
    return historyOf(context.db.manager, "Visit", visit.id, checkFirst(first));
  }
}
