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
 * The searches that stand for every place as a source, or for a sample of them. Half the world
 * network's places have one partner (8,665 of 16,944), and a search from such a leaf u is its
 * partner v's search shifted by one step: u's dependency on any other place is v's, u depends on v
 * for every other place v reaches, and each place is one step further from u than from v. So a
 * leaf among the sources is folded into its partner's search, and the searches halve.
 *
 * A sample draws places, each standing for places / drawn sources. The leaves' dependency on their
 * partner needs no search (the partner's component size), so a sample adds it for every leaf
 * exactly: it is much of a hub's score.
 */
export interface SearchPlan {
  /** the places searched from */
  searches: Int32Array;
  /** per search: the sources it stands for (its place and its leaves, scaled up for a sample) */
  weights: Float64Array;
  /** per search: the leaves folded into it, which are one step further from every place */
  leaves: Float64Array;
  /** per search: the leaves whose dependency on its place the search adds (0 when the plan adds it) */
  leafDependencies: Float64Array;
  /** betweenness sums the searches leave out: a sample's leaves' dependency on their partner */
  leafDependency: PathSums | null;
  /** the leaves folded into a search: it counts each as reaching itself, which closeness takes back */
  foldedLeaves: Int32Array;
  /** how many sources each of them counts for */
  foldedWeight: number;
}

/** Every place's partner when it has exactly one and that one has others, else -1. */
function partnersOfLeaves({ offsets, neighbours }: CompactGraph): Int32Array {
  const n = offsets.length - 1;
  const degree = (place: number) => offsets[place + 1] - offsets[place];
  return Int32Array.from({ length: n }, (_, place) => {
    const partner = neighbours[offsets[place]];
    // a pair alone, or a place linked only to itself, has no partner to stand for it
    return degree(place) === 1 && partner !== place && degree(partner) > 1 ? partner : -1;
  });
}

/** Places in each place's component, by place. */
function componentSizes({ offsets, neighbours }: CompactGraph): Int32Array {
  const n = offsets.length - 1;
  const component = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  const stack: number[] = [];
  for (let start = 0; start < n; start += 1) {
    if (component[start] >= 0) continue;
    component[start] = sizes.length;
    stack.push(start);
    let size = 0;
    while (stack.length > 0) {
      const v = stack.pop() as number;
      size += 1;
      for (let j = offsets[v]; j < offsets[v + 1]; j += 1)
        if (component[neighbours[j]] < 0) {
          component[neighbours[j]] = sizes.length;
          stack.push(neighbours[j]);
        }
    }
    sizes.push(size);
  }
  return Int32Array.from(component, (index) => sizes[index]);
}

/**
 * The searches for every place as a source, or for `sampleSize` of them drawn with `random` when
 * that is fewer than all.
 */
export function planSearches(
  compact: CompactGraph,
  measure: SlowMeasure,
  sampleSize: number | null = null,
  random: () => number = Math.random,
): SearchPlan {
  const n = compact.ids.length;
  const partners = partnersOfLeaves(compact);
  const sampled = sampleSize !== null && sampleSize < n;
  const all = Int32Array.from({ length: n }, (_, place) => place);
  const sources = sampled ? drawn(all, sampleSize, random) : all;
  const scale = sampled ? n / sampleSize : 1;
  const own = new Float64Array(n);
  const folded = new Float64Array(n);
  for (const source of sources)
    if (partners[source] >= 0) folded[partners[source]] += 1;
    else own[source] = 1;
  const searches = all.filter((place) => own[place] + folded[place] > 0);
  const exactLeaves = sampled && measure === "betweenness";
  let leafDependency: PathSums | null = null;
  if (exactLeaves) {
    const sizes = componentSizes(compact);
    leafDependency = new Float64Array(n);
    for (const partner of partners) if (partner >= 0) leafDependency[partner] += sizes[partner] - 2;
  }
  return {
    searches,
    weights: Float64Array.from(searches, (place) => (own[place] + folded[place]) * scale),
    leaves: Float64Array.from(searches, (place) => folded[place] * scale),
    leafDependencies: Float64Array.from(searches, (place) => (exactLeaves ? 0 : folded[place] * scale)),
    leafDependency,
    foldedLeaves: sources.filter((source) => partners[source] >= 0),
    foldedWeight: scale,
  };
}

/** `size` of `candidates`, drawn with `random`: a partial Fisher–Yates shuffle, in the candidates' order. */
function drawn(candidates: Int32Array, size: number, random: () => number): Int32Array {
  const pool = candidates.slice();
  for (let i = 0; i < size; i += 1) {
    const j = i + Math.floor(random() * (pool.length - i));
    const chosen = pool[j];
    pool[j] = pool[i];
    pool[i] = chosen;
  }
  return pool.slice(0, size).sort();
}

/**
 * Breadth-first searches from `searches`, search i standing for `weights[i]` sources of which
 * `leaves[i]` are one step further away (see SearchPlan). Betweenness: for each place, the
 * dependencies δ_s(v) summed over the sources (n values). Closeness: for each place, how many
 * sources reach it, then the sum of their distances to it (2n values); the graph is undirected, so
 * with every place a source that is the place's own reach and distance sum.
 *
 * One self-contained function without closures or helpers, because the worker threads run its
 * source text (Function.prototype.toString): a worker file would be .ts under vitest and .js in dist.
 */
export function shortestPathSums(
  offsets: Int32Array,
  neighbours: Int32Array,
  searches: Int32Array,
  weights: Float64Array,
  leaves: Float64Array,
  leafDependencies: Float64Array,
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
    const weight = weights[s];
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
        sums[w] += weight * delta[w];
      }
      // a folded leaf's paths to every place but itself and the source pass through the source
      sums[source] += leafDependencies[s] * (tail - 2);
    } else {
      const further = leaves[s];
      for (let i = 1; i < tail; i += 1) {
        const v = order[i];
        sums[v] += weight;
        sums[n + v] += weight * distance[v] + further;
      }
      sums[source] += further;
      sums[n + source] += further;
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

/**
 * City id -> score from the searches' sums, scaled as graphology-metrics scales: betweenness
 * normalised by (n-1)(n-2), closeness with Wasserman–Faust's factor.
 */
export function scoresFromSums(
  ids: readonly string[],
  measure: SlowMeasure,
  sums: PathSums,
  plan: SearchPlan,
): Record<string, number> {
  const n = ids.length;
  const scores: Record<string, number> = {};
  if (measure === "betweenness") {
    const normalisation = n <= 2 ? 1 : 1 / ((n - 1) * (n - 2));
    ids.forEach((id, i) => {
      scores[id] = (sums[i] + (plan.leafDependency?.[i] ?? 0)) * normalisation;
    });
    return scores;
  }
  // a folded leaf's partner's search counted the leaf as reaching itself, two steps away
  for (const leaf of plan.foldedLeaves) {
    sums[leaf] -= plan.foldedWeight;
    sums[n + leaf] -= 2 * plan.foldedWeight;
  }
  ids.forEach((id, i) => {
    const count = sums[i];
    const total = sums[n + i];
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
