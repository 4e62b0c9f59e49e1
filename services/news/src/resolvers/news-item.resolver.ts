// Queries over news items, and the news item fields that need a lookup.
import {
  checkFirst,
  checkOffset,
  historyOf,
  RecordChange,
  RecordRank,
  type SubgraphContext,
} from "@twingraph/kit/subgraph";
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { NewsItem } from "../entities/news-item.entity";
import { NewsItemCity } from "../entities/news-item-city.entity";
import { CityRef, cityRef, ProjectRef, projectRef } from "../entities/refs";
import { newsItemCityIdsLoader, newsItemLoader, newsItemProjectIdsLoader } from "./news.loaders";

@Resolver(() => NewsItem)
export class NewsItemResolver {
  @Query(() => NewsItem, { nullable: true, description: "a news item by id, deprecated or not" })
  newsItem(@Arg("id", () => ID) id: string, @Ctx() context: SubgraphContext): Promise<NewsItem | null> {
    return newsItemLoader(context).load(id);
  }

  @Query(() => [NewsItem], { description: "news items, the latest published first" })
  async news(
    @Arg("cityId", () => ID, { nullable: true, description: "only those that mention this city" }) cityId:
      | string
      | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg("offset", () => Int, { nullable: true, defaultValue: 0 }) offset: number,
    @Arg("includeDeprecated", () => Boolean, {
      nullable: true,
      defaultValue: false,
      description: "deprecated records too, which are left out by default",
    })
    includeDeprecated: boolean | null,
    @Ctx() context: SubgraphContext,
  ): Promise<NewsItem[]> {
    checkFirst(first);
    checkOffset(offset);
    const query = context.db.getRepository(NewsItem).createQueryBuilder("n");
    if (!includeDeprecated) query.andWhere("n.rank = :normal", { normal: RecordRank.NORMAL });
    // a subquery, not the city's news ids as parameters: a city may be in more news than a
    // statement can list
    if (cityId)
      query.andWhere(
        `n.id IN ${query.subQuery().select("nc.newsItemId").from(NewsItemCity, "nc").where("nc.cityId = :cityId").getQuery()}`,
        { cityId },
      );
    // NULL sorts first in PostgreSQL and last in SQLite; ordering on IS NULL puts undated items last in both
    return query
      .orderBy("n.publishedOn IS NULL", "ASC")
      .addOrderBy("n.publishedOn", "DESC")
      .addOrderBy("n.id", "ASC")
      .take(first)
      .skip(offset)
      .getMany();
  }

  @FieldResolver(() => [CityRef], { description: "the places it mentions" })
  async cities(@Root() newsItem: NewsItem, @Ctx() context: SubgraphContext): Promise<CityRef[]> {
    return (await newsItemCityIdsLoader(context).load(newsItem.id)).map(cityRef);
  }

  @FieldResolver(() => [ProjectRef], { description: "the projects it is about" })
  async projects(@Root() newsItem: NewsItem, @Ctx() context: SubgraphContext): Promise<ProjectRef[]> {
    return (await newsItemProjectIdsLoader(context).load(newsItem.id)).map(projectRef);
  }

  @FieldResolver(() => [RecordChange], { description: "its versions, the newest first" })
  history(
    @Root() newsItem: NewsItem,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Ctx() context: SubgraphContext,
  ): Promise<RecordChange[]> {
    return historyOf(context.db.manager, "NewsItem", newsItem.id, checkFirst(first));
  }
}
