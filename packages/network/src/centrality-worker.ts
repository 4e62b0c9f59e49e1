// Betweenness and closeness of a large network take from seconds to minutes; they run in a worker
// thread so the caller (a subgraph) goes on answering other requests meanwhile, and so that a
// computation nobody waits for any more can be stopped by terminating its thread.
import { Worker } from "node:worker_threads";
import type { UndirectedGraph } from "graphology";
import betweenness from "graphology-metrics/centrality/betweenness";
import closeness from "graphology-metrics/centrality/closeness";
import { centralityWork } from "./centrality-cost";

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

/**
 * Graphs this small (places × pairs) are measured in a few milliseconds here: a thread would cost
 * more than it saves.
 */
const INLINE_WORK = 50_000;

/** The computation was stopped because no one waits for it any more. */
export class MeasureCancelledError extends Error {
  constructor() {
    super("The computation was cancelled: no one waits for it any more.");
    this.name = "MeasureCancelledError";
  }
}

let liveWorkers = 0;

/** Worker threads started and not yet exited: what cancellation is checked by. */
export function liveCentralityWorkers(): number {
  return liveWorkers;
}

/** City id -> score: in a worker thread for large graphs, in this thread for small ones. */
export function measureCentrality(
  graph: UndirectedGraph,
  measure: SlowMeasure,
  signal?: AbortSignal,
): Promise<Record<string, number>> {
  if (centralityWork(graph) > INLINE_WORK) return measureInWorker(graph, measure, signal);
  if (signal?.aborted) return Promise.reject(new MeasureCancelledError());
  return Promise.resolve(measureInThread(graph, measure));
}

export function measureInThread(graph: UndirectedGraph, measure: SlowMeasure): Record<string, number> {
  // graphology-metrics sizes its queue and stack by the number of places and refuses zero: a view
  // without places has nothing to score
  if (graph.order === 0) return {};
  return measure === "betweenness"
    ? betweenness(graph, OPTIONS.betweenness)
    : closeness(graph, OPTIONS.closeness);
}

/**
 * Only the graph's structure crosses to the worker: the measures read no attributes. `signal`
 * terminates the worker and rejects with MeasureCancelledError.
 */
export function measureInWorker(
  graph: UndirectedGraph,
  measure: SlowMeasure,
  signal?: AbortSignal,
): Promise<Record<string, number>> {
  if (signal?.aborted) return Promise.reject(new MeasureCancelledError());
  // without pairs there is no search to run, so no thread to start (and an empty graph fails in one)
  if (graph.size === 0) return Promise.resolve(measureInThread(graph, measure));
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
    liveWorkers += 1;
    const cancel = () => {
      reject(new MeasureCancelledError());
      void worker.terminate();
    };
    signal?.addEventListener("abort", cancel, { once: true });
    worker.once("message", (scores: Record<string, number>) => {
      resolve(scores);
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      liveWorkers -= 1;
      signal?.removeEventListener("abort", cancel);
      // settles nothing when the answer or an error came first
      reject(new Error(`The centrality worker stopped (exit code ${code}) before answering.`));
    });
  });
}
