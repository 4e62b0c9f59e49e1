// What this subgraph adds to City, Partnership, Project and Agreement: the news that mention them,
// the visits between their places and the events they hold. Each is nullable (docs/api-policy.md):
// with this subgraph down, the gateway nulls these fields alone, not the entity they belong to.
// Deprecated records are left out of all of them.
import {
  loadLists,
  loadPresent,
  RecordRank,
  type SubgraphContext,
  sharedByAtLeast,
} from "@twingraph/kit/subgraph";
import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import { Event } from "../entities/event.entity";
import { NewsItem } from "../entities/news-item.entity";
import { AgreementRef, CityRef, PartnershipRef, ProjectRef } from "../entities/refs";
import { Visit } from "../entities/visit.entity";
import { type VisitCity, VisitRole } from "../entities/visit-city.entity";
import { latestFirst } from "./latest-first";
import {
  agreementEventIdsLoader,
  cityEventIdsLoader,
  cityNewsIdsLoader,
  cityVisitLinksLoader,
  eventLoader,
  newsItemLoader,
  partnershipVisitIdsLoader,
  projectEventIdsLoader,
  projectNewsIdsLoader,
  visitLoader,
} from "./news.loaders";

function current<T extends { rank: RecordRank }>(records: readonly T[]): T[] {
  return records.filter((record) => record.rank !== RecordRank.DEPRECATED);
}

// Lists assembled from several loaders take the root queries' order, so a field and a query agree.
async function loadNewsItems(context: SubgraphContext, ids: readonly string[]): Promise<NewsItem[]> {
  const items = current(await loadPresent(newsItemLoader(context), ids));
  return latestFirst(items, (newsItem) => newsItem.publishedOn);
}

async function loadVisits(context: SubgraphContext, ids: readonly string[]): Promise<Visit[]> {
  return latestFirst(current(await loadPresent(visitLoader(context), ids)), (visit) => visit.date);
}

async function loadEvents(context: SubgraphContext, ids: readonly string[]): Promise<Event[]> {
  return latestFirst(current(await loadPresent(eventLoader(context), ids)), (event) => event.date);
}

@Resolver(() => CityRef)
export class CityNewsResolver {
  @FieldResolver(() => [NewsItem], { nullable: true, description: "news that mention it, the latest first" })
  async news(@Root() city: CityRef, @Ctx() context: SubgraphContext): Promise<NewsItem[]> {
    return loadNewsItems(context, await cityNewsIdsLoader(context).load(city.id));
  }

  @FieldResolver(() => [Visit], { nullable: true, description: "visits it hosted or sent, the latest first" })
  async visits(@Root() city: CityRef, @Ctx() context: SubgraphContext): Promise<Visit[]> {
    const links = await cityVisitLinksLoader(context).load(city.id);
    return loadVisits(context, [...new Set(links.map((link) => link.visitId))]);
  }

  @FieldResolver(() => [Event], {
    nullable: true,
    description: "events it takes part in or hosts, the latest first",
  })
  async events(@Root() city: CityRef, @Ctx() context: SubgraphContext): Promise<Event[]> {
    return loadEvents(context, await cityEventIdsLoader(context).load(city.id));
  }
}

@Resolver(() => PartnershipRef)
export class PartnershipNewsResolver {
  @Directive('@requires(fields: "cities { id }")')
  @FieldResolver(() => [Visit], {
    nullable: true,
    description: "visits between its cities and visits linked to it, the latest first",
  })
  async visits(@Root() partnership: PartnershipRef, @Ctx() context: SubgraphContext): Promise<Visit[]> {
    const [links, linked] = await Promise.all([
      loadLists(cityVisitLinksLoader(context), distinctCityIds(partnership)),
      partnershipVisitIdsLoader(context).load(partnership.id),
    ]);
    return loadVisits(context, [...new Set([...visitsBetween(links.flat()), ...linked])]);
  }

  @Directive('@requires(fields: "cities { id }")')
  @FieldResolver(() => [NewsItem], {
    nullable: true,
    description: "news that mention two or more of its cities, the latest first",
  })
  async news(@Root() partnership: PartnershipRef, @Ctx() context: SubgraphContext): Promise<NewsItem[]> {
    const cityIds = distinctCityIds(partnership);
    const perCity = await loadLists(cityNewsIdsLoader(context), cityIds);
    return loadNewsItems(context, sharedByAtLeast(perCity, Math.min(2, cityIds.length)));
  }
}

@Resolver(() => ProjectRef)
export class ProjectNewsResolver {
  @FieldResolver(() => [NewsItem], { nullable: true, description: "news about it, the latest first" })
  async news(@Root() project: ProjectRef, @Ctx() context: SubgraphContext): Promise<NewsItem[]> {
    return loadNewsItems(context, await projectNewsIdsLoader(context).load(project.id));
  }

  @FieldResolver(() => [Event], { nullable: true, description: "its events, the latest first" })
  async events(@Root() project: ProjectRef, @Ctx() context: SubgraphContext): Promise<Event[]> {
    return loadEvents(context, await projectEventIdsLoader(context).load(project.id));
  }
}

@Resolver(() => AgreementRef)
export class AgreementEventsResolver {
  @FieldResolver(() => [Event], { nullable: true, description: "events it provides for, the latest first" })
  async events(@Root() agreement: AgreementRef, @Ctx() context: SubgraphContext): Promise<Event[]> {
    return loadEvents(context, await agreementEventIdsLoader(context).load(agreement.id));
  }
}

function distinctCityIds(partnership: PartnershipRef): string[] {
  return [...new Set(partnership.cities.map((city) => city.id))];
}

/**
 * Visits among a set of cities, given every visit link of those cities: the host is one of them and
 * at least one other of them sent a delegation. Sorted ids.
 */
function visitsBetween(links: readonly VisitCity[]): string[] {
  const hostOf = new Map<string, string>();
  const visitorsOf = new Map<string, string[]>();
  for (const link of links) {
    if (link.role === VisitRole.HOST) hostOf.set(link.visitId, link.cityId);
    else visitorsOf.set(link.visitId, [...(visitorsOf.get(link.visitId) ?? []), link.cityId]);
  }
  return [...hostOf]
    .filter(([visitId, hostId]) => visitorsOf.get(visitId)?.some((cityId) => cityId !== hostId))
    .map(([visitId]) => visitId)
    .sort();
}
