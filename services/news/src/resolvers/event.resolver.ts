// Queries over events, and the event fields that need a lookup.
import {
  checkFirst,
  checkOffset,
  historyOf,
  RecordChange,
  RecordRank,
  type SubgraphContext,
} from "@twingraph/kit/subgraph";
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { Event } from "../entities/event.entity";
import { EventCity } from "../entities/event-city.entity";
import { CityRef, cityRef } from "../entities/refs";
import { eventCityIdsLoader, eventLoader } from "./news.loaders";

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true, description: "an event by id, deprecated or not" })
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
    @Arg("includeDeprecated", () => Boolean, {
      nullable: true,
      defaultValue: false,
      description: "deprecated records too, which are left out by default",
    })
    includeDeprecated: boolean | null,
    @Ctx() context: SubgraphContext,
  ): Promise<Event[]> {
    checkFirst(first);
    checkOffset(offset);
    const query = context.db.getRepository(Event).createQueryBuilder("e");
    // those it hosts or takes part in, by a subquery rather than the city's event ids as parameters:
    // a city may have more events than a statement can list
    if (cityId)
      query.andWhere(
        `(e.placeCityId = :cityId OR e.id IN ${query.subQuery().select("ec.eventId").from(EventCity, "ec").where("ec.cityId = :cityId").getQuery()})`,
        { cityId },
      );
    if (!includeDeprecated) query.andWhere("e.rank = :normal", { normal: RecordRank.NORMAL });
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

  @FieldResolver(() => [RecordChange], { description: "its versions, the newest first" })
  history(
    @Root() event: Event,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Ctx() context: SubgraphContext,
  ): Promise<RecordChange[]> {
    return historyOf(context.db.manager, "Event", event.id, checkFirst(first));
  }
}
