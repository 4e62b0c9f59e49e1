// What a slow measure will cost before it runs, so a caller can choose the exact scores or an
// estimate, or refuse what would hold the cores too long. Both measures run a breadth-first search
// from every place but the leaves (a place whose one partner has others rides on its partner's
// search: see planSearches), each search walking the pairs of its component; so the work grows as
// searches × pairs, and an estimate from a sample of searches as sampled searches × pairs.
import type { UndirectedGraph } from "graphology";
import type { SlowMeasure } from "./centrality-worker";

/**
 * CPU nanoseconds per unit of work (searches × pairs), summed over the worker threads, measured
 * with process.cpuUsage on this project's 2-core machine (Node 20) on the world network (8,279
 * searches × 24,511 pairs) while seven other sessions loaded it (load average 15 to 40;
 * test/src/bench-centrality.ts): betweenness 65–67 ns, closeness 31–42 ns. The highest of each,
 * rounded up, so the estimate errs on the side of the sampled estimate. graphology-metrics took
 * 135.9 s of CPU for the same betweenness (10× these searches) and 12.7 s for closeness (2×).
 */
export const CPU_NANOSECONDS_PER_UNIT: Record<SlowMeasure, number> = {
  betweenness: 70,
  closeness: 45,
};

/** Places with one partner that has others: their searches ride on their partner's. */
function foldedLeaves(graph: UndirectedGraph): number {
  let leaves = 0;
  graph.forEachNode((place) => {
    if (graph.degree(place) !== 1) return;
    const [partner] = graph.neighbors(place);
    if (partner !== place && graph.degree(partner) > 1) leaves += 1;
  });
  return leaves;
}

/** The breadth-first searches the exact scores take. */
export function centralitySearches(graph: UndirectedGraph): number {
  return graph.order - foldedLeaves(graph);
}

export interface CentralityCost {
  measure: SlowMeasure;
  places: number;
  pairs: number;
  /** breadth-first searches: all the exact scores need, or the sample's */
  searches: number;
  /** searches × pairs */
  work: number;
  /** estimated CPU seconds */
  seconds: number;
}

/** The cost of the exact scores, or of an estimate from `sampleSize` searches when that is fewer. */
export function centralityCost(
  graph: UndirectedGraph,
  measure: SlowMeasure,
  sampleSize: number | null = null,
): CentralityCost {
  const searches = Math.min(centralitySearches(graph), sampleSize ?? graph.order);
  const work = searches * graph.size;
  return {
    measure,
    places: graph.order,
    pairs: graph.size,
    searches,
    work,
    seconds: (work * CPU_NANOSECONDS_PER_UNIT[measure]) / 1e9,
  };
}

/** The most work of `measure` that fits in `seconds` of CPU. */
export function workLimit(measure: SlowMeasure, seconds: number): number {
  return Math.floor((seconds * 1e9) / CPU_NANOSECONDS_PER_UNIT[measure]);
}
