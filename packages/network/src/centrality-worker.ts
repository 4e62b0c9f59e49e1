// Betweenness and closeness of a large network take from seconds to minutes; they run in a worker
// thread so the caller (a subgraph) goes on answering other requests meanwhile.
import { Worker } from "node:worker_threads";
import type { UndirectedGraph } from "graphology";
import betweenness from "graphology-metrics/centrality/betweenness";
import closeness from "graphology-metrics/centrality/closeness";

export type SlowMeasure = "betweenness" | "closeness";

/** Module files, resolved here so the worker loads the very copies this package depends on. */
const MODULES: Record<SlowMeasure, string> = {
  betweenness: require.resolve("graphology-metrics/centrality/betweenness"),
  closeness: require.resolve("graphology-metrics/centrality/closeness"),
};

const OPTIONS = {
  betweenness: { normalized: true },
  // Wasserman–Faust scaling keeps closeness comparable across the network's many components
  closeness: { wassermanFaust: true },
} as const;

/**
 * Plain CommonJS evaluated from a string, not a worker file: a file would be a .ts under vitest and
 * a .js in dist, while this runs the same from both.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { UndirectedGraph } = require(workerData.graphology);
const measure = require(workerData.module);
const graph = new UndirectedGraph();
for (const node of workerData.nodes) graph.addNode(node);
for (const [source, target] of workerData.edges) graph.addEdge(source, target);
parentPort.postMessage(measure(graph, workerData.options));
`;

/** Graphs this small are measured in a few milliseconds: a thread would cost more than it saves. */
const INLINE_LIMIT = 1500;

/** City id -> score: in a worker thread for large graphs, in this thread for small ones. */
export function measureCentrality(
  graph: UndirectedGraph,
  measure: SlowMeasure,
): Promise<Record<string, number>> {
  if (graph.order <= INLINE_LIMIT) return Promise.resolve(measureInThread(graph, measure));
  return measureInWorker(graph, measure);
}

export function measureInThread(graph: UndirectedGraph, measure: SlowMeasure): Record<string, number> {
  return measure === "betweenness"
    ? betweenness(graph, OPTIONS.betweenness)
    : closeness(graph, OPTIONS.closeness);
}

/** Only the graph's structure crosses to the worker: the measures read no attributes. */
export function measureInWorker(
  graph: UndirectedGraph,
  measure: SlowMeasure,
): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        graphology: require.resolve("graphology"),
        module: MODULES[measure],
        options: OPTIONS[measure],
        nodes: graph.nodes(),
        edges: graph.mapEdges((_edge, _attributes, source, target) => [source, target]),
      },
    });
    worker.once("message", (scores: Record<string, number>) => {
      resolve(scores);
      void worker.terminate();
    });
    worker.once("error", reject);
  });
}
