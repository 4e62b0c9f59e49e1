// Betweenness and closeness of a large network take from seconds to minutes; they run in a worker
// thread so the subgraph goes on answering other requests meanwhile.
import { Worker } from "node:worker_threads";
import type { UndirectedGraph } from "graphology";
import betweenness from "graphology-metrics/centrality/betweenness";
import closeness from "graphology-metrics/centrality/closeness";

export type SlowMeasure = "betweenness" | "closeness";

const MODULES: Record<SlowMeasure, string> = {
  betweenness: require.resolve("graphology-metrics/centrality/betweenness"),
  closeness: require.resolve("graphology-metrics/centrality/closeness"),
};

const OPTIONS: Record<SlowMeasure, object> = {
  betweenness: { normalized: true },
  // Wasserman–Faust scaling keeps closeness comparable across the network's many components
  closeness: { wassermanFaust: true },
};

/** Plain CommonJS so the worker runs the same from TypeScript sources (tests) and from dist. */
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

export function measureCentrality(
  graph: UndirectedGraph,
  measure: SlowMeasure,
): Promise<Record<string, number>> {
  if (graph.order <= INLINE_LIMIT) {
    return Promise.resolve(
      measure === "betweenness"
        ? betweenness(graph, OPTIONS.betweenness)
        : closeness(graph, OPTIONS.closeness),
    );
  }
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
