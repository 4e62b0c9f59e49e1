// Betweenness and closeness from breadth-first searches over a compact copy of the graph: places as
// indices, neighbours in one Int32Array (CSR), and every per-search buffer a typed array allocated
// once. graphology-metrics' betweenness runs Dijkstra with a heap and an array of predecessors per
// place for every search; this is the same Brandes algorithm without either, some ten times faster.
import type { UndirectedGraph } from "graphology";
import type { SlowMeasure } from "./centrality-worker";

/** The graph's structure only: place i's neighbours are neighbours[offsets[i]..offsets[i + 1]). */
export interface CompactGraph {
  ids: string[];
  offsets: Int32Array;
  neighbours: Int32Array;
}

/**
 * Places in graphology's order and each place's links in graphology's order, as graphology-metrics
 * indexes them: the searches then meet places in the same order, so that every sum is added up in
 * the same order and a search from every place in turn gives graphology's scores to the last bit.
 * Parallel links are listed once each, as graphology-metrics counts them; a snapshot has none.
 */
export function compactGraph(graph: UndirectedGraph): CompactGraph {
  const ids = graph.nodes();
  const index = new Map(ids.map((id, i) => [id, i]));
  const offsets = new Int32Array(ids.length + 1);
  const neighbours = new Int32Array(2 * graph.size);
  let filled = 0;
  ids.forEach((id, i) => {
    offsets[i] = filled;
    graph.forEachEdge(id, (_edge, _attributes, source, target) => {
      neighbours[filled] = index.get(source === id ? target : source) as number;
      filled += 1;
    });
  });
  offsets[ids.length] = filled;
  // a self-loop is listed once, not twice: the array may hold fewer than 2 × size
  return { ids, offsets, neighbours: neighbours.subarray(0, filled) };
}

/** What the searches add up; shortestPathSums says how to read it. */
export type PathSums = Float64Array;

/**
 * The searches that stand for a set of sources. Half the world network's places have one partner
 * (8,665 of 16,944), and a search from such a leaf u is its partner v's search shifted by one step:
 * u's dependency on any other place is v's, u depends on v for every other place v reaches, and
 * each place is one step further from u than from v. So a leaf among the sources is folded into its
 * partner's search, which counts for `own + folded` sources, and the searches halve.
 */
export interface SearchPlan {
  /** the places searched from */
  searches: Int32Array;
  /** per search: 1 when its place is itself a source, else 0 */
  own: Float64Array;
  /** per search: the leaves among the sources folded into it */
  folded: Float64Array;
  /** the folded leaves: each was counted as reaching itself at distance 2, which closeness takes back */
  foldedLeaves: Int32Array;
  /** the sources the searches stand for */
  sources: number;
}

export function planSearches({ offsets, neighbours }: CompactGraph, sources: Int32Array): SearchPlan {
  const n = offsets.length - 1;
  const own = new Float64Array(n);
  const folded = new Float64Array(n);
  const foldedLeaves: number[] = [];
  const degree = (place: number) => offsets[place + 1] - offsets[place];
  for (const source of sources) {
    const partner = neighbours[offsets[source]];
    // a pair alone, or a place linked only to itself, has no partner to stand for it
    if (degree(source) === 1 && partner !== source && degree(partner) > 1) {
      folded[partner] += 1;
      foldedLeaves.push(source);
    } else own[source] = 1;
  }
  const searches = Int32Array.from({ length: n }, (_, place) => place).filter(
    (place) => own[place] + folded[place] > 0,
  );
  return {
    searches,
    own: Float64Array.from(searches, (place) => own[place]),
    folded: Float64Array.from(searches, (place) => folded[place]),
    foldedLeaves: Int32Array.from(foldedLeaves),
    sources: sources.length,
  };
}

/**
 * Breadth-first searches from `searches`, search i counting for `own[i] + folded[i]` sources (see
 * SearchPlan). Betweenness: for each place, the dependencies δ_s(v) summed over the sources (n
 * values). Closeness: for each place, how many sources reach it, then the sum of their distances
 * to it (2n values); the graph is undirected, so with every place a source that is the place's own
 * reach and distance sum.
 *
 * One self-contained function without closures or helpers, because the worker threads run its
 * source text (Function.prototype.toString): a worker file would be .ts under vitest and .js in dist.
 */
export function shortestPathSums(
  offsets: Int32Array,
  neighbours: Int32Array,
  searches: Int32Array,
  own: Float64Array,
  folded: Float64Array,
  betweenness: boolean,
): PathSums {
  const n = offsets.length - 1;
  const sums = new Float64Array(betweenness ? n : 2 * n);
  const distance = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  // the breadth-first queue, read backwards afterwards as the stack of places by distance
  const order = new Int32Array(n);
  for (let s = 0; s < searches.length; s += 1) {
    const source = searches[s];
    const leaves = folded[s];
    const sources = own[s] + leaves;
    let head = 0;
    let tail = 1;
    order[0] = source;
    distance[source] = 0;
    sigma[source] = 1;
    while (head < tail) {
      const v = order[head];
      head += 1;
      const next = distance[v] + 1;
      const paths = sigma[v];
      for (let j = offsets[v], end = offsets[v + 1]; j < end; j += 1) {
        const w = neighbours[j];
        if (distance[w] < 0) {
          distance[w] = next;
          order[tail] = w;
          tail += 1;
        }
        if (distance[w] === next) sigma[w] += paths;
      }
    }
    if (betweenness) {
      // a place's predecessors are its neighbours one step nearer the source, so none are stored
      for (let i = tail - 1; i > 0; i -= 1) {
        const w = order[i];
        const coefficient = (1 + delta[w]) / sigma[w];
        const previous = distance[w] - 1;
        for (let j = offsets[w], end = offsets[w + 1]; j < end; j += 1) {
          const v = neighbours[j];
          if (distance[v] === previous) delta[v] += sigma[v] * coefficient;
        }
        sums[w] += sources * delta[w];
      }
      // a folded leaf's paths to every place but itself and the source pass through the source
      sums[source] += leaves * (tail - 2);
    } else {
      for (let i = 1; i < tail; i += 1) {
        const v = order[i];
        sums[v] += sources;
        sums[n + v] += sources * distance[v] + leaves;
      }
      sums[source] += leaves;
      sums[n + source] += leaves;
    }
    for (let i = 0; i < tail; i += 1) {
      const v = order[i];
      distance[v] = -1;
      sigma[v] = 0;
      delta[v] = 0;
    }
  }
  return sums;
}

/** Takes back what the folded leaves' searches counted of each leaf reaching itself (closeness). */
export function unfoldLeaves(sums: PathSums, measure: SlowMeasure, foldedLeaves: Int32Array): void {
  if (measure !== "closeness") return;
  const n = sums.length / 2;
  for (const leaf of foldedLeaves) {
    sums[leaf] -= 1;
    sums[n + leaf] -= 2;
  }
}

/**
 * City id -> score from sums over `sampled` sources of `places` (all of them for the exact scores),
 * scaled as graphology-metrics scales: betweenness normalised by (n-1)(n-2), closeness with
 * Wasserman–Faust's factor. A sample's sums are scaled up by places / sampled first.
 */
export function scoresFromSums(
  ids: readonly string[],
  measure: SlowMeasure,
  sums: PathSums,
  sampled: number,
): Record<string, number> {
  const n = ids.length;
  const scores: Record<string, number> = {};
  if (measure === "betweenness") {
    const normalisation = n <= 2 ? 1 : 1 / ((n - 1) * (n - 2));
    const scale = sampled === n ? normalisation : (normalisation * n) / sampled;
    ids.forEach((id, i) => {
      scores[id] = sums[i] * scale;
    });
    return scores;
  }
  const scale = sampled === n ? 1 : n / sampled;
  ids.forEach((id, i) => {
    const count = sums[i] * scale;
    const total = sums[n + i] * scale;
    // the same operations in the same order as graphology-metrics, so the same bits
    let closeness = 0;
    if (total > 0 && n > 1) {
      closeness = count / total;
      closeness *= Math.min(count, n - 1) / (n - 1);
    }
    scores[id] = closeness;
  });
  return scores;
}

/** `size` distinct places of `places`, drawn with `random`: a partial Fisher–Yates shuffle. */
export function sampleSources(places: number, size: number, random: () => number): Int32Array {
  const all = Int32Array.from({ length: places }, (_, i) => i);
  const count = Math.min(size, places);
  for (let i = 0; i < count; i += 1) {
    const j = i + Math.floor(random() * (places - i));
    const chosen = all[j];
    all[j] = all[i];
    all[i] = chosen;
  }
  return all.slice(0, count).sort();
}

/** Every place as a source, in graphology's order. */
export function allSources(places: number): Int32Array {
  return Int32Array.from({ length: places }, (_, i) => i);
}
