// The typed-array searches give graphology-metrics' scores (within 1e-9, closeness to the last bit in
// one thread), in this thread and split between worker threads; a sampled estimate is the same for
// the same sample size, and all of the places as a sample is the exact answer.
import { UndirectedGraph } from "graphology";
import betweenness from "graphology-metrics/centrality/betweenness";
import closeness from "graphology-metrics/centrality/closeness";
import { describe, expect, it } from "vitest";
import {
  compactGraph,
  measureCentrality,
  measureInThread,
  measureInWorker,
  NetworkSnapshot,
  type SlowMeasure,
  WHOLE_NETWORK,
} from "../src";
import { seededRandom } from "../src/random";
import { pairs, partnership } from "./partnerships";

const MEASURES: readonly SlowMeasure[] = ["betweenness", "closeness"];

function graphology(graph: UndirectedGraph, measure: SlowMeasure): Record<string, number> {
  return measure === "betweenness"
    ? betweenness(graph, { normalized: true })
    : closeness(graph, { wassermanFaust: true });
}

/** `places` places and `links` random pairs among them, some places left alone: several components */
function randomGraph(places: number, links: number, seed: number): UndirectedGraph {
  const random = seededRandom(seed);
  const graph = new UndirectedGraph();
  for (let i = 0; i < places; i += 1) graph.addNode(`p${i}`);
  while (graph.size < links) {
    const [a, b] = [Math.floor(random() * places), Math.floor(random() * places)];
    if (a !== b) graph.mergeEdge(`p${a}`, `p${b}`);
  }
  return graph;
}

/** Equal within `tolerance` of the larger of the two, place by place. */
function expectClose(actual: Record<string, number>, expected: Record<string, number>, tolerance: number) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [id, value] of Object.entries(expected))
    expect(Math.abs(actual[id] - value), id).toBeLessThanOrEqual(
      tolerance * Math.max(1e-300, Math.abs(value)),
    );
}

/** two triangles a-b-c and d-e-f joined by c–d, and the separate pair g–h */
const twoTrianglesAndAPair = () =>
  new NetworkSnapshot(pairs("a b", "b c", "a c", "c d", "d e", "e f", "d f", "g h"), WHOLE_NETWORK, 1);

describe.each(MEASURES)("%s over typed arrays", (measure) => {
  it("gives graphology's scores in this thread, on a network of several components", () => {
    const { graph } = twoTrianglesAndAPair();
    expect(measureInThread(graph, measure)).toEqual(graphology(graph, measure));
    const random = randomGraph(400, 600, 7);
    // closeness adds up whole numbers, so to the last bit; a folded leaf multiplies a search's sums
    if (measure === "closeness")
      expect(measureInThread(random, measure)).toEqual(graphology(random, measure));
    else expectClose(measureInThread(random, measure), graphology(random, measure), 1e-12);
  });

  it("gives graphology's scores for a view where several partnerships join the same places", () => {
    const view = new NetworkSnapshot(
      [
        ...pairs("a b", "a b", "b c", "c d", "b d", "d e"),
        partnership(["a", "c", "e"]),
        partnership(["c", "e"]),
      ],
      WHOLE_NETWORK,
      1,
    );
    expect(view.links.length).toBeGreaterThan(view.graph.size);
    expect(measureInThread(view.graph, measure)).toEqual(graphology(view.graph, measure));
  });

  it("gives graphology's scores within 1e-9 with the searches split between worker threads", async () => {
    const graph = randomGraph(800, 1300, 11);
    const expected = graphology(graph, measure);
    expectClose(await measureInWorker(graph, measure, undefined, { threads: 3 }), expected, 1e-9);
    expectClose(
      await measureInWorker(twoTrianglesAndAPair().graph, measure),
      graphology(twoTrianglesAndAPair().graph, measure),
      1e-9,
    );
  });

  it("estimates from a seeded sample: the same sample size gives the same scores, all places the exact ones", async () => {
    const graph = randomGraph(800, 1300, 13);
    const first = await measureInWorker(graph, measure, undefined, { sampleSize: 200, threads: 2 });
    const again = await measureInWorker(graph, measure, undefined, { sampleSize: 200, threads: 2 });
    expect(again).toEqual(first);
    expect(measureInThread(graph, measure, { sampleSize: 200 })).not.toEqual(
      measureInThread(graph, measure, { sampleSize: 300 }),
    );
    expectClose(
      await measureCentrality(graph, measure, undefined, { sampleSize: 800 }),
      graphology(graph, measure),
      1e-9,
    );
  });
});

describe("the sampled estimate of betweenness", () => {
  it("scales a sample's sums up to the whole: on a ring, where every search adds the same, the totals agree", () => {
    const graph = new UndirectedGraph();
    for (let i = 0; i < 300; i += 1) graph.mergeEdge(`p${i}`, `p${(i + 1) % 300}`);
    const total = (scores: Record<string, number>) => Object.values(scores).reduce((sum, x) => sum + x, 0);
    const estimate = measureInThread(graph, "betweenness", { sampleSize: 30 });
    expect(total(estimate)).toBeCloseTo(total(graphology(graph, "betweenness")), 9);
    // each place is scored from the 30 searches, not all alike
    expect(new Set(Object.values(estimate)).size).toBeGreaterThan(1);
  });
});

describe("compactGraph", () => {
  it("lists each place's partners in graphology's order, by index", () => {
    const { graph } = twoTrianglesAndAPair();
    const compact = compactGraph(graph);
    expect(compact.ids).toEqual(graph.nodes());
    const partnersOf = (i: number) =>
      [...compact.neighbours.subarray(compact.offsets[i], compact.offsets[i + 1])].map((j) => compact.ids[j]);
    expect(compact.ids.map((_id, i) => partnersOf(i))).toEqual(
      graph.nodes().map((id) => graph.neighbors(id)),
    );
  });
});
