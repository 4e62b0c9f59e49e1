// Queries over events, and the event fields that need a lookup.
import { checkFirst, checkOffset, type SubgraphContext } from "@twingraph/kit/subgraph";
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { Event } from "../entities/event.entity";
import { CityRef, cityRef } from "../entities/refs";
import { cityEventIdsLoader, eventCityIdsLoader, eventLoader } from "./news.loaders";

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true })
  event(@Arg("id", () => ID) id: string, @Ctx() context: SubgraphContext): Promise<Event | null> {
    return eventLoader(context).load(id);
  }

  @Query(() => [Event], { description: "events, the latest first, undated ones last" })
  async events(
    @Arg("cityId", () => ID, { nullable: true, description: "only those it takes part in or hosts" })
    cityId: string | null,
    @Arg("planned", () => Boolean, { nullable: true, description: "only planned, or only held, events" })
    planned: boolean | null | undefined,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg("offset", () => Int, { nullable: true, defaultValue: 0 }) offset: number,
    @Ctx() context: SubgraphContext,
  ): Promise<Event[]> {
    checkFirst(first);
    checkOffset(offset);
    const ids = cityId ? await cityEventIdsLoader(context).load(cityId) : undefined;
    if (ids?.length === 0) return [];
    const query = context.db.getRepository(Event).createQueryBuilder("e");
    if (ids) query.andWhere("e.id IN (:...ids)", { ids });
    // an omitted argument arrives as undefined, an explicit null as null: neither filters
    if (planned !== null && planned !== undefined) query.andWhere("e.planned = :planned", { planned });
    // NULL sorts first in PostgreSQL and last in SQLite; ordering on IS NULL puts undated events last in both
    return query
      .orderBy("e.date IS NULL", "ASC")
      .addOrderBy("e.date", "DESC")
      .addOrderBy("e.id", "ASC")
      .take(first)
      .skip(offset)
      .getMany();
  }

  @FieldResolver(() => [CityRef], { description: "the places that take part" })
  async cities(@Root() event: Event, @Ctx() context: SubgraphContext): Promise<CityRef[]> {
    return (await eventCityIdsLoader(context).load(event.id)).map(cityRef);
  }
}
