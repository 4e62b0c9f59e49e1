// Batched lookups of news items, visits, events and their link rows: one statement per kind per
// request, however many parents ask.
import {
  findPlain,
  findPlainPairs,
  groupedByKey,
  linkLoader,
  recordLoader,
  type SubgraphContext,
} from "@twingraph/kit/subgraph";
import { Event } from "../entities/event.entity";
import { EventCity } from "../entities/event-city.entity";
import { NewsItem } from "../entities/news-item.entity";
import { NewsItemCity } from "../entities/news-item-city.entity";
import { NewsItemProject } from "../entities/news-item-project.entity";
import { Visit } from "../entities/visit.entity";
import { VisitCity, VisitRole } from "../entities/visit-city.entity";
import { VisitPartnership } from "../entities/visit-partnership.entity";

export function newsItemLoader(context: SubgraphContext) {
  return recordLoader(context, NewsItem, "newsItem");
}

export function visitLoader(context: SubgraphContext) {
  return recordLoader(context, Visit, "visit");
}

export function eventLoader(context: SubgraphContext) {
  return recordLoader(context, Event, "event");
}

/** City ids each news item mentions, in the item's order. */
export function newsItemCityIdsLoader(context: SubgraphContext) {
  return linkLoader(context, NewsItemCity, "newsItem.cityIds", {
    from: "newsItemId",
    to: "cityId",
    order: { position: "ASC" },
  });
}

/** Project ids each news item is about, in the item's order. */
export function newsItemProjectIdsLoader(context: SubgraphContext) {
  return linkLoader(context, NewsItemProject, "newsItem.projectIds", {
    from: "newsItemId",
    to: "projectId",
    order: { position: "ASC" },
  });
}

/** News item ids that mention each city. */
export function cityNewsIdsLoader(context: SubgraphContext) {
  return linkLoader(context, NewsItemCity, "city.newsIds", {
    from: "cityId",
    to: "newsItemId",
    order: { newsItemId: "ASC" },
  });
}

/** News item ids about each project. */
export function projectNewsIdsLoader(context: SubgraphContext) {
  return linkLoader(context, NewsItemProject, "project.newsIds", {
    from: "projectId",
    to: "newsItemId",
    order: { newsItemId: "ASC" },
  });
}

/** Visitor city ids of each visit, in the source's order. */
export function visitVisitorIdsLoader(context: SubgraphContext) {
  return linkLoader(context, VisitCity, "visit.visitorIds", {
    from: "visitId",
    to: "cityId",
    order: { position: "ASC" },
    where: { role: VisitRole.VISITOR },
  });
}

/** Partnership ids each visit is explicitly linked to, in the order they were given. */
export function visitPartnershipIdsLoader(context: SubgraphContext) {
  return linkLoader(context, VisitPartnership, "visit.partnershipIds", {
    from: "visitId",
    to: "partnershipId",
    order: { position: "ASC" },
  });
}

/** Visit ids explicitly linked to each partnership. */
export function partnershipVisitIdsLoader(context: SubgraphContext) {
  return linkLoader(context, VisitPartnership, "partnership.visitIds", {
    from: "partnershipId",
    to: "visitId",
    order: { visitId: "ASC" },
  });
}

/** Each city's part in visits: the ones it hosted and the ones it sent a delegation to. */
export function cityVisitLinksLoader(context: SubgraphContext) {
  return context.loaders.get<string, VisitCity[]>("city.visitLinks", async (cityIds) => {
    const rows = await findPlain(context.db, VisitCity, {
      by: "cityId",
      keys: cityIds,
      order: { visitId: "ASC" },
    });
    return groupedByKey(cityIds, rows, (row) => row.cityId);
  });
}

/** City ids that take part in each event, in the source's order. */
export function eventCityIdsLoader(context: SubgraphContext) {
  return linkLoader(context, EventCity, "event.cityIds", {
    from: "eventId",
    to: "cityId",
    order: { position: "ASC" },
  });
}

/** Event ids each city takes part in or hosts: a place need not be listed among the event's cities. */
export function cityEventIdsLoader(context: SubgraphContext) {
  return context.loaders.get<string, string[]>("city.eventIds", async (cityIds) => {
    const [members, places] = await Promise.all([
      findPlainPairs(context.db, EventCity, { by: "cityId", to: "eventId", keys: cityIds }),
      findPlainPairs(context.db, Event, { by: "placeCityId", to: "id", keys: cityIds }),
    ]);
    return groupedByKey(cityIds, [...members, ...places], (pair) => pair.key).map(
      distinctSorted((pair) => pair.value),
    );
  });
}

/** Event ids of each project. */
export function projectEventIdsLoader(context: SubgraphContext) {
  return linkLoader(context, Event, "project.eventIds", {
    from: "projectId",
    to: "id",
    order: { id: "ASC" },
  });
}

/** Event ids each agreement provides for. */
export function agreementEventIdsLoader(context: SubgraphContext) {
  return linkLoader(context, Event, "agreement.eventIds", {
    from: "agreementId",
    to: "id",
    order: { id: "ASC" },
  });
}

function distinctSorted<T>(idOf: (item: T) => string): (items: T[]) => string[] {
  return (items) => [...new Set(items.map(idOf))].sort();
}
