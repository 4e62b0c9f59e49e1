// The questions researchers ask of a network view, answered with graphology's maintained algorithms.
import louvain from "graphology-communities-louvain";
import { connectedComponents } from "graphology-components";
import { bidirectional } from "graphology-shortest-path/unweighted";
import { bfsFromNode } from "graphology-traversal";
import type { SlowMeasure } from "./centrality-worker";
import { countryOfCity } from "./partnership";
import { seededRandom } from "./random";
import type { NetworkLinkRecord, NetworkSnapshot } from "./snapshot";

export type Centrality = "degree" | SlowMeasure;

/** City id -> distinct partner places; the fast centrality, so computed here and kept with the view. */
export function degreeScores(snapshot: NetworkSnapshot): Record<string, number> {
  return snapshot.memoize("degree", () => Object.fromEntries(degrees(snapshot)));
}

/** Distinct partner places per place. */
export function degrees(snapshot: NetworkSnapshot): Map<string, number> {
  return new Map(snapshot.graph.mapNodes((node) => [node, snapshot.graph.degree(node)]));
}

export interface Ranked {
  rank: number;
  cityId: string;
  score: number;
}

/** Highest score first, ties by id so the order is stable; ranks count from 1 over the listed cities. */
export function rank(scores: Record<string, number>, countryCode: string | null): Ranked[] {
  return Object.entries(scores)
    .filter(([cityId]) => !countryCode || countryOfCity(cityId) === countryCode)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([cityId, score], index) => ({ rank: index + 1, cityId, score }));
}

export interface PathStepRecord<Kind extends string = string, Status extends string = string> {
  from: string;
  to: string;
  link: NetworkLinkRecord<Kind, Status>;
}

/** The fewest partnerships that chain one place to another; the earliest known partnership per step. */
export function shortestChain<Kind extends string, Status extends string>(
  snapshot: NetworkSnapshot<Kind, Status>,
  from: string,
  to: string,
): PathStepRecord<Kind, Status>[] | null {
  const { graph } = snapshot;
  if (!graph.hasNode(from) || !graph.hasNode(to)) return null;
  if (from === to) return [];
  const places = bidirectional(graph, from, to);
  if (!places) return null;
  return places.slice(1).map((place, index) => {
    const previous = places[index];
    const links = graph.getEdgeAttributes(graph.edge(previous, place)).links;
    return { from: previous, to: place, link: [...links].sort(byStart)[0] };
  });
}

function byStart(a: NetworkLinkRecord, b: NetworkLinkRecord): number {
  if (a.since === b.since) return a.partnershipId.localeCompare(b.partnershipId);
  if (a.since === null) return 1;
  if (b.since === null) return -1;
  return a.since.localeCompare(b.since);
}

export interface Neighbour {
  cityId: string;
  hops: number;
}

/** The places within `depth` partnerships of one place, nearest first, and the links among them. */
export function neighbourhood<Kind extends string, Status extends string>(
  snapshot: NetworkSnapshot<Kind, Status>,
  cityId: string,
  depth: number,
): { neighbours: Neighbour[]; links: NetworkLinkRecord<Kind, Status>[] } {
  const { graph } = snapshot;
  if (!graph.hasNode(cityId)) return { neighbours: [], links: [] };
  const neighbours: Neighbour[] = [];
  bfsFromNode(graph, cityId, (node, _attributes, hops) => {
    neighbours.push({ cityId: node, hops });
    return hops >= depth;
  });
  neighbours.sort((a, b) => a.hops - b.hops || a.cityId.localeCompare(b.cityId));
  const inside = new Set(neighbours.map((neighbour) => neighbour.cityId));
  const links = snapshot.links.filter((link) => inside.has(link.source) && inside.has(link.target));
  return { neighbours, links };
}

export interface Group {
  id: number;
  /** members, best connected first */
  cityIds: string[];
}

/** Connected components, largest first. */
export function components(snapshot: NetworkSnapshot): Group[] {
  return snapshot.memoize("components", () => groups(snapshot, connectedComponents(snapshot.graph)));
}

export interface Communities {
  modularity: number;
  resolution: number;
  groups: Group[];
}

/**
 * CPU nanoseconds per place or pair of places for one Louvain run: the world network (17,700 places,
 * 25,900 pairs) took 530 to 610 ms of the agreements process's CPU per new resolution on this
 * project's loaded 2-core machine (test/src/most-expensive.ts), some 13 µs a unit; rounded up.
 */
export const LOUVAIN_NANOSECONDS_PER_UNIT = 15_000;

/** Estimated CPU seconds of Louvain on the view, before it runs. */
export function communitiesSeconds(snapshot: NetworkSnapshot): number {
  return ((snapshot.graph.order + snapshot.graph.size) * LOUVAIN_NANOSECONDS_PER_UNIT) / 1e9;
}

/** Whether the view holds the communities at this resolution already, so asking costs nothing. */
export function hasCommunities(snapshot: NetworkSnapshot, resolution: number): boolean {
  return snapshot.memoized(communitiesKey(resolution));
}

const communitiesKey = (resolution: number) => `communities|${resolution}`;

/** Louvain communities, largest first; a fixed seed makes the same data give the same communities. */
export function communities(snapshot: NetworkSnapshot, resolution: number): Communities {
  return snapshot.memoize(communitiesKey(resolution), () => {
    if (snapshot.graph.size === 0) return { modularity: 0, resolution, groups: [] };
    const result = louvain.detailed(snapshot.graph, { resolution, randomWalk: false, rng: seededRandom(1) });
    const members: string[][] = Array.from({ length: result.count }, () => []);
    for (const [cityId, community] of Object.entries(result.communities)) members[community].push(cityId);
    return { modularity: result.modularity, resolution, groups: groups(snapshot, members) };
  });
}

function groups(snapshot: NetworkSnapshot, memberLists: string[][]): Group[] {
  const degree = (id: string) => snapshot.graph.degree(id);
  return memberLists
    .map((members) => [...members].sort((a, b) => degree(b) - degree(a) || a.localeCompare(b)))
    .sort((a, b) => b.length - a.length || a[0].localeCompare(b[0]))
    .map((cityIds, index) => ({ id: index + 1, cityIds }));
}

export interface CountryPairCount {
  countryCodes: [string, string];
  partnerships: number;
}

/** Partnership links per pair of countries (a country with itself for domestic ones), most first. */
export function countryMatrix(snapshot: NetworkSnapshot): CountryPairCount[] {
  return snapshot.memoize("countryMatrix", () => {
    const counts = new Map<string, number>();
    for (const link of snapshot.links) {
      const pair = [countryOfCity(link.source), countryOfCity(link.target)].sort().join("|");
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
    return [...counts]
      .map(([pair, partnerships]) => ({ countryCodes: pair.split("|") as [string, string], partnerships }))
      .sort(
        (a, b) =>
          b.partnerships - a.partnerships || a.countryCodes.join().localeCompare(b.countryCodes.join()),
      );
  });
}

export interface DistanceSummary {
  measured: number;
  unmeasured: number;
  meanKm: number | null;
  medianKm: number | null;
  maxKm: number | null;
  buckets: { fromKm: number; toKm: number; partnerships: number }[];
}

/** Distances of two-place partnerships in buckets of `bucketKm`, empty buckets included up to the farthest. */
export function distanceDistribution(snapshot: NetworkSnapshot, bucketKm: number): DistanceSummary {
  const twoPlace = snapshot.partnerships.filter((partnership) => partnership.cityIds.length === 2);
  const distances = twoPlace
    .flatMap((partnership) => (partnership.distanceKm === null ? [] : [partnership.distanceKm]))
    .sort((a, b) => a - b);
  const buckets = Array.from(
    { length: distances.length === 0 ? 0 : Math.floor(distances[distances.length - 1] / bucketKm) + 1 },
    (_, index) => ({ fromKm: index * bucketKm, toKm: (index + 1) * bucketKm, partnerships: 0 }),
  );
  for (const distance of distances) buckets[Math.floor(distance / bucketKm)].partnerships += 1;
  const middle = distances.length / 2;
  return {
    measured: distances.length,
    unmeasured: twoPlace.length - distances.length,
    meanKm: distances.length === 0 ? null : distances.reduce((sum, d) => sum + d, 0) / distances.length,
    medianKm:
      distances.length === 0
        ? null
        : distances.length % 2 === 1
          ? distances[Math.floor(middle)]
          : (distances[middle - 1] + distances[middle]) / 2,
    maxKm: distances.length === 0 ? null : distances[distances.length - 1],
    buckets,
  };
}

/** Partnerships started per year, for those whose start is known. */
export function startsPerYear(snapshot: NetworkSnapshot): { year: number; partnerships: number }[] {
  const counts = new Map<number, number>();
  for (const partnership of snapshot.partnerships) {
    if (!partnership.since) continue;
    const year = Number(partnership.since.slice(0, 4));
    counts.set(year, (counts.get(year) ?? 0) + 1);
  }
  return [...counts].map(([year, partnerships]) => ({ year, partnerships })).sort((a, b) => a.year - b.year);
}
