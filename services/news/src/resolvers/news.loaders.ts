// Batched lookups of news items, visits, events and their link rows: one statement per kind per
// request, however many parents ask.
import { byKey, groupedByKey, type SubgraphContext } from "@twingraph/kit";
import { In } from "typeorm";
import { Event } from "../entities/event.entity";
import { EventCity } from "../entities/event-city.entity";
import { NewsItem } from "../entities/news-item.entity";
import { NewsItemCity } from "../entities/news-item-city.entity";
import { NewsItemProject } from "../entities/news-item-project.entity";
import { Visit } from "../entities/visit.entity";
import { VisitCity, VisitRole } from "../entities/visit-city.entity";

export function newsItemLoader(context: SubgraphContext) {
  return context.loaders.get<string, NewsItem | null>("newsItem", async (ids) => {
    const rows = await context.db.getRepository(NewsItem).findBy({ id: In([...ids]) });
    return byKey(ids, rows, (newsItem) => newsItem.id);
  });
}

export function visitLoader(context: SubgraphContext) {
  return context.loaders.get<string, Visit | null>("visit", async (ids) => {
    const rows = await context.db.getRepository(Visit).findBy({ id: In([...ids]) });
    return byKey(ids, rows, (visit) => visit.id);
  });
}

export function eventLoader(context: SubgraphContext) {
  return context.loaders.get<string, Event | null>("event", async (ids) => {
    const rows = await context.db.getRepository(Event).findBy({ id: In([...ids]) });
    return byKey(ids, rows, (event) => event.id);
  });
}

/** City ids each news item mentions, in the item's order. */
export function newsItemCityIdsLoader(context: SubgraphContext) {
  return context.loaders.get<string, string[]>("newsItem.cityIds", async (newsItemIds) => {
    const rows = await context.db
      .getRepository(NewsItemCity)
      .find({ where: { newsItemId: In([...newsItemIds]) }, order: { position: "ASC" } });
    return groupedByKey(newsItemIds, rows, (row) => row.newsItemId).map((group) =>
      group.map((row) => row.cityId),
    );
  });
}

/** Project ids each news item is about, in the item's order. */
export function newsItemProjectIdsLoader(context: SubgraphContext) {
  return context.loaders.get<string, string[]>("newsItem.projectIds", async (newsItemIds) => {
    const rows = await context.db
      .getRepository(NewsItemProject)
      .find({ where: { newsItemId: In([...newsItemIds]) }, order: { position: "ASC" } });
    return groupedByKey(newsItemIds, rows, (row) => row.newsItemId).map((group) =>
      group.map((row) => row.projectId),
    );
  });
}

/** News item ids that mention each city. */
export function cityNewsIdsLoader(context: SubgraphContext) {
  return context.loaders.get<string, string[]>("city.newsIds", async (cityIds) => {
    const rows = await context.db
      .getRepository(NewsItemCity)
      .find({ where: { cityId: In([...cityIds]) }, order: { newsItemId: "ASC" } });
    return groupedByKey(cityIds, rows, (row) => row.cityId).map((group) =>
      group.map((row) => row.newsItemId),
    );
  });
}

/** News item ids about each project. */
export function projectNewsIdsLoader(context: SubgraphContext) {
  return context.loaders.get<string, string[]>("project.newsIds", async (projectIds) => {
    const rows = await context.db
      .getRepository(NewsItemProject)
      .find({ where: { projectId: In([...projectIds]) }, order: { newsItemId: "ASC" } });
    return groupedByKey(projectIds, rows, (row) => row.projectId).map((group) =>
      group.map((row) => row.newsItemId),
    );
  });
}

/** Visitor city ids of each visit, in the source's order. */
export function visitVisitorIdsLoader(context: SubgraphContext) {
  return context.loaders.get<string, string[]>("visit.visitorIds", async (visitIds) => {
    const rows = await context.db.getRepository(VisitCity).find({
      where: { visitId: In([...visitIds]), role: VisitRole.VISITOR },
      order: { position: "ASC" },
    });
    return groupedByKey(visitIds, rows, (row) => row.visitId).map((group) => group.map((row) => row.cityId));
  });
}

/** Each city's part in visits: the ones it hosted and the ones it sent a delegation to. */
export function cityVisitLinksLoader(context: SubgraphContext) {
  return context.loaders.get<string, VisitCity[]>("city.visitLinks", async (cityIds) => {
    const rows = await context.db
      .getRepository(VisitCity)
      .find({ where: { cityId: In([...cityIds]) }, order: { visitId: "ASC" } });
    return groupedByKey(cityIds, rows, (row) => row.cityId);
  });
}

/** City ids that take part in each event, in the source's order. */
export function eventCityIdsLoader(context: SubgraphContext) {
  return context.loaders.get<string, string[]>("event.cityIds", async (eventIds) => {
    const rows = await context.db
      .getRepository(EventCity)
      .find({ where: { eventId: In([...eventIds]) }, order: { position: "ASC" } });
    return groupedByKey(eventIds, rows, (row) => row.eventId).map((group) => group.map((row) => row.cityId));
  });
}

/** Event ids each city takes part in or hosts: a place need not be listed among the event's cities. */
export function cityEventIdsLoader(context: SubgraphContext) {
  return context.loaders.get<string, string[]>("city.eventIds", async (cityIds) => {
    const [members, places] = await Promise.all([
      context.db.getRepository(EventCity).find({ where: { cityId: In([...cityIds]) } }),
      context.db.getRepository(Event).find({
        select: { id: true, placeCityId: true },
        where: { placeCityId: In([...cityIds]) },
      }),
    ]);
    const pairs = [
      ...members.map((row) => ({ cityId: row.cityId, eventId: row.eventId })),
      ...places.map((row) => ({ cityId: row.placeCityId!, eventId: row.id })),
    ];
    return groupedByKey(cityIds, pairs, (pair) => pair.cityId).map(distinctSorted((pair) => pair.eventId));
  });
}

/** Event ids of each project. */
export function projectEventIdsLoader(context: SubgraphContext) {
  return context.loaders.get<string, string[]>("project.eventIds", async (projectIds) => {
    const rows = await context.db.getRepository(Event).find({
      select: { id: true, projectId: true },
      where: { projectId: In([...projectIds]) },
      order: { id: "ASC" },
    });
    return groupedByKey(projectIds, rows, (row) => row.projectId!).map((group) => group.map((row) => row.id));
  });
}

/** Event ids each agreement provides for. */
export function agreementEventIdsLoader(context: SubgraphContext) {
  return context.loaders.get<string, string[]>("agreement.eventIds", async (agreementIds) => {
    const rows = await context.db.getRepository(Event).find({
      select: { id: true, agreementId: true },
      where: { agreementId: In([...agreementIds]) },
      order: { id: "ASC" },
    });
    return groupedByKey(agreementIds, rows, (row) => row.agreementId!).map((group) =>
      group.map((row) => row.id),
    );
  });
}

function distinctSorted<T>(idOf: (item: T) => string): (items: T[]) => string[] {
  return (items) => [...new Set(items.map(idOf))].sort();
}
