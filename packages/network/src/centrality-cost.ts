// What a slow measure will cost before it runs, so a caller can refuse what would hold a core too long.
// Brandes' betweenness runs a breadth-first search from every place, so its work grows as places ×
// pairs; graphology's closeness does the same searches with less bookkeeping per step.
import type { UndirectedGraph } from "graphology";
import type { SlowMeasure } from "./centrality-worker";

/**
 * CPU nanoseconds per unit of work (places × pairs), measured with process.cpuUsage on this project's
 * 2-core machine (Node 20, graphology-metrics 2.4.2) on connected parts of the world network (BFS
 * balls of 500 to 3,000 places around its best-connected place) and on country views: betweenness
 * 134–174 ns on connected views (17–121 on fragmented country views), closeness 19–40 ns. With
 * other work on the machine, Italy's view (2,682 places × 2,002 pairs) took the agreements process
 * 0.65 to 1.09 s of CPU for betweenness (test/src/most-expensive.ts): 203 ns a unit at worst. The
 * highest of each, rounded up, so the estimate errs on the side of refusing.
 */
export const CPU_NANOSECONDS_PER_UNIT: Record<SlowMeasure, number> = {
  betweenness: 210,
  closeness: 40,
};

/** Places × pairs of places: the units the calibration counts. */
export function centralityWork(graph: UndirectedGraph): number {
  return graph.order * graph.size;
}

export interface CentralityCost {
  measure: SlowMeasure;
  places: number;
  pairs: number;
  work: number;
  /** estimated CPU seconds */
  seconds: number;
}

export function centralityCost(graph: UndirectedGraph, measure: SlowMeasure): CentralityCost {
  const work = centralityWork(graph);
  return {
    measure,
    places: graph.order,
    pairs: graph.size,
    work,
    seconds: (work * CPU_NANOSECONDS_PER_UNIT[measure]) / 1e9,
  };
}

/** The most work of `measure` that fits in `seconds` of CPU. */
export function workLimit(measure: SlowMeasure, seconds: number): number {
  return Math.floor((seconds * 1e9) / CPU_NANOSECONDS_PER_UNIT[measure]);
}
