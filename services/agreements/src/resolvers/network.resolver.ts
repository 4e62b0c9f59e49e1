// Network queries: one `network(filter)` root, and every question about that view as a field of it.
import {
  badUserInput,
  checkCountry,
  checkFirst,
  checkNonEmpty,
  checkOffset,
  checkTextLength,
  codedError,
  countryOf,
  MAX_COUNTRY_ARGUMENT,
  type SubgraphContext,
} from "@twingraph/kit/subgraph";
import {
  communities,
  communitiesSeconds,
  components,
  countryMatrix,
  degrees,
  describeScope,
  distanceDistribution,
  type Group,
  hasCommunities,
  neighbourhood,
  rank,
  scopeKey,
  shortestChain,
  startsPerYear,
} from "@twingraph/network";
import { Arg, Ctx, FieldResolver, Float, ID, Int, Query, Resolver, Root } from "type-graphql";
import { cityRef } from "../entities/city-ref";
import { networkView } from "../network/cache";
import { centralityRanking } from "../network/centrality";
import type { PartnershipLink, PartnershipScope, PartnershipView } from "../network/data";
import { checkNetworkFilter, NetworkFilter } from "../network/filter";
import { measureLimits, spend } from "../network/limits";
import {
  CentralityMeasure,
  CountryPair,
  DistanceDistribution,
  Neighbourhood,
  Network,
  NetworkCommunities,
  NetworkComponents,
  type NetworkGroup,
  NetworkLink,
  NetworkNode,
  PartnershipChain,
  RankedCity,
  YearCount,
} from "../network/network.types";

/** Exports read the whole network in one request; everything else pages by the usual 100. */
const MAX_EXPORT_PAGE = 100_000;
const MAX_DEPTH = 4;
/**
 * Distinct filters one request may look at: each is a view held until the answer is sent (some
 * 15 MB for a world-sized one), so aliases must not multiply them without bound.
 */
export const MAX_VIEWS_PER_REQUEST = 10;

const viewsOfRequest = new WeakMap<SubgraphContext, Set<string>>();

function countView(context: SubgraphContext, scope: PartnershipScope): void {
  let keys = viewsOfRequest.get(context);
  if (!keys) {
    keys = new Set();
    viewsOfRequest.set(context, keys);
  }
  keys.add(scopeKey(scope));
  if (keys.size > MAX_VIEWS_PER_REQUEST)
    throw codedError(
      "OPERATION_LIMIT_EXCEEDED",
      `A request may look at ${MAX_VIEWS_PER_REQUEST} distinct network filters at most; ask for the others in further requests.`,
      { limit: "networkViews", maximum: MAX_VIEWS_PER_REQUEST },
    );
}

function link(record: PartnershipLink): NetworkLink {
  return { ...record, source: cityRef(record.source), target: cityRef(record.target) };
}

function group(record: Group, citiesPerGroup: number): NetworkGroup {
  return {
    id: record.id,
    size: record.cityIds.length,
    cities: record.cityIds.slice(0, citiesPerGroup).map(cityRef),
  };
}

/**
 * Louvain runs on the request's thread: communities a view holds already cost nothing, a new run
 * over the CPU a request may take is refused, and others spend from the process's measure budget.
 */
function checkCommunitiesCost(view: PartnershipView, resolution: number): void {
  if (hasCommunities(view, resolution)) return;
  const seconds = communitiesSeconds(view);
  const { maxSeconds } = measureLimits();
  if (seconds > maxSeconds)
    throw codedError(
      "MEASURE_TOO_EXPENSIVE",
      `Communities of this view (${view.graph.order.toLocaleString("en")} places) at a new resolution would ` +
        `take about ${seconds.toFixed(1)} s of CPU; a request may take ${maxSeconds} s. Narrow the filter.`,
      { measure: "COMMUNITIES", estimatedSeconds: Number(seconds.toFixed(2)), maxSeconds },
    );
  spend(seconds);
}

function checkExportPage(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_EXPORT_PAGE)
    throw badUserInput("first", `must be an integer from 0 to ${MAX_EXPORT_PAGE}, got ${first}`);
  return first;
}

@Resolver(() => Network)
export class NetworkResolver {
  @Query(() => Network, {
    description: "the partnership network, or the part of it a filter selects, for analysis and export",
  })
  async network(
    @Arg("filter", () => NetworkFilter, { nullable: true }) filter: NetworkFilter | null,
    @Ctx() context: SubgraphContext,
  ): Promise<Network> {
    const scope = checkNetworkFilter(filter);
    countView(context, scope);
    const snapshot = await networkView(context.db, scope);
    return {
      snapshot,
      description: describeScope(scope),
      nodeCount: snapshot.graph.order,
      edgeCount: snapshot.links.length,
      pairCount: snapshot.graph.size,
      partnershipCount: snapshot.partnerships.length,
      sources: snapshot.sources(),
    };
  }

  @FieldResolver(() => [NetworkNode], {
    description: "places in id order; up to 100,000 per page, for exports",
  })
  nodes(
    @Root() network: Network,
    @Arg("first", () => Int, { nullable: true, defaultValue: 100 }) first: number,
    @Arg("offset", () => Int, { nullable: true, defaultValue: 0 }) offset: number,
  ): NetworkNode[] {
    checkExportPage(first);
    checkOffset(offset);
    const degree = network.snapshot.memoize("degrees", () => degrees(network.snapshot));
    return [...degree.keys()]
      .sort()
      .slice(offset, offset + first)
      .map((id) => ({ city: cityRef(id), degree: degree.get(id) ?? 0 }));
  }

  @FieldResolver(() => [NetworkLink], {
    description: "partnership links in partnership order; up to 100,000 per page",
  })
  links(
    @Root() network: Network,
    @Arg("first", () => Int, { nullable: true, defaultValue: 100 }) first: number,
    @Arg("offset", () => Int, { nullable: true, defaultValue: 0 }) offset: number,
  ): NetworkLink[] {
    checkExportPage(first);
    checkOffset(offset);
    return network.snapshot.links.slice(offset, offset + first).map(link);
  }

  @FieldResolver(() => [RankedCity], { description: "the most central places first" })
  async ranking(
    @Root() network: Network,
    @Arg("by", () => CentralityMeasure) by: CentralityMeasure,
    @Arg("first", () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Arg("offset", () => Int, { nullable: true, defaultValue: 0 }) offset: number,
    @Arg("country", () => String, { nullable: true, description: "list only places in this country" })
    country: string | null | undefined,
    @Ctx() context: SubgraphContext,
  ): Promise<RankedCity[]> {
    checkFirst(first);
    checkOffset(offset);
    const countryCode = checkCountry(checkTextLength(country, "country", MAX_COUNTRY_ARGUMENT)) ?? null;
    const { scores, method, sampleSize } = await centralityRanking(
      context.db,
      network.snapshot,
      by,
      context.signal,
    );
    const { graph } = network.snapshot;
    return rank(scores, countryCode)
      .slice(offset, offset + first)
      .map((ranked) => ({
        ...ranked,
        city: cityRef(ranked.cityId),
        degree: graph.degree(ranked.cityId),
        method,
        sampleSize,
      }));
  }

  @FieldResolver(() => PartnershipChain, {
    nullable: true,
    description: "the shortest chain of partnerships between two places; null when none links them",
  })
  path(
    @Root() network: Network,
    @Arg("from", () => ID) from: string,
    @Arg("to", () => ID) to: string,
  ): PartnershipChain | null {
    checkNonEmpty(from, "from");
    checkNonEmpty(to, "to");
    const steps = shortestChain(network.snapshot, from, to);
    if (!steps) return null;
    return {
      length: steps.length,
      cities: [from, ...steps.map((step) => step.to)].map(cityRef),
      steps: steps.map((step) => ({ from: cityRef(step.from), to: cityRef(step.to), link: link(step.link) })),
    };
  }

  @FieldResolver(() => Neighbourhood, { description: "the places within `depth` partnerships of a place" })
  neighbourhood(
    @Root() network: Network,
    @Arg("cityId", () => ID) cityId: string,
    @Arg("depth", () => Int, { nullable: true, defaultValue: 1 }) depth: number,
    @Arg("first", () => Int, { nullable: true, defaultValue: 100 }) first: number,
  ): Neighbourhood {
    if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH)
      throw badUserInput("depth", `must be an integer from 1 to ${MAX_DEPTH}, got ${depth}`);
    checkFirst(first);
    const found = neighbourhood(network.snapshot, cityId, depth);
    const listed = found.neighbours.slice(0, first);
    const shown = new Set(listed.map((neighbour) => neighbour.cityId));
    return {
      cityCount: found.neighbours.length,
      linkCount: found.links.length,
      cities: listed.map((neighbour) => ({ city: cityRef(neighbour.cityId), hops: neighbour.hops })),
      links: found.links.filter((record) => shown.has(record.source) && shown.has(record.target)).map(link),
    };
  }

  @FieldResolver(() => NetworkComponents)
  components(
    @Root() network: Network,
    @Arg("first", () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Arg("citiesPerGroup", () => Int, { nullable: true, defaultValue: 10 }) citiesPerGroup: number,
  ): NetworkComponents {
    checkFirst(first);
    checkFirst(citiesPerGroup, "citiesPerGroup");
    const all = components(network.snapshot);
    return { count: all.length, groups: all.slice(0, first).map((found) => group(found, citiesPerGroup)) };
  }

  @FieldResolver(() => NetworkCommunities)
  communities(
    @Root() network: Network,
    @Arg("first", () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Arg("citiesPerGroup", () => Int, { nullable: true, defaultValue: 10 }) citiesPerGroup: number,
    @Arg("resolution", () => Float, {
      nullable: true,
      defaultValue: 1,
      description: "above 1: more, smaller communities",
    })
    resolution: number,
  ): NetworkCommunities {
    checkFirst(first);
    checkFirst(citiesPerGroup, "citiesPerGroup");
    // a literal such as 1e400 arrives as Infinity (graphql-js parses Float literals with parseFloat)
    if (!(resolution > 0 && resolution <= 100))
      throw badUserInput("resolution", `must be above 0 and at most 100, got ${resolution}`);
    checkCommunitiesCost(network.snapshot, resolution);
    const found = communities(network.snapshot, resolution);
    return {
      count: found.groups.length,
      modularity: found.modularity,
      resolution: found.resolution,
      groups: found.groups.slice(0, first).map((community) => group(community, citiesPerGroup)),
    };
  }

  @FieldResolver(() => [CountryPair], { description: "pairs of countries by partnership links, most first" })
  countryMatrix(
    @Root() network: Network,
    @Arg("first", () => Int, { nullable: true, defaultValue: 100 }) first: number,
    @Arg("offset", () => Int, { nullable: true, defaultValue: 0 }) offset: number,
  ): CountryPair[] {
    checkFirst(first);
    checkOffset(offset);
    return countryMatrix(network.snapshot)
      .slice(offset, offset + first)
      .map((pair) => ({ countries: pair.countryCodes.map(countryOf), partnerships: pair.partnerships }));
  }

  @FieldResolver(() => DistanceDistribution)
  distances(
    @Root() network: Network,
    @Arg("bucketKm", () => Int, { nullable: true, defaultValue: 500 }) bucketKm: number,
  ): DistanceDistribution {
    if (!Number.isInteger(bucketKm) || bucketKm < 1 || bucketKm > 20_000)
      throw badUserInput("bucketKm", `must be an integer from 1 to 20000, got ${bucketKm}`);
    return distanceDistribution(network.snapshot, bucketKm);
  }

  @FieldResolver(() => [YearCount], {
    description: "partnerships started per year, where the start is known",
  })
  startsPerYear(@Root() network: Network): YearCount[] {
    return startsPerYear(network.snapshot);
  }
}
