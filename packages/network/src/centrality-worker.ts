// Betweenness and closeness of a large network take seconds; they run in worker threads, the
// searches split between them, so the caller (a subgraph) goes on answering other requests
// meanwhile, and so that a computation nobody waits for any more can be stopped by terminating its
// threads. A sampled estimate runs the searches from a seeded draw of places instead of all of them.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { UndirectedGraph } from "graphology";
import { seededRandom } from "./random";
import {
  type CompactGraph,
  compactGraph,
  type PathSums,
  planSearches,
  type SearchPlan,
  scoresFromSums,
  shortestPathSums,
} from "./shortest-paths";

export type SlowMeasure = "betweenness" | "closeness";

export interface MeasureOptions {
  /**
   * Places to search from, drawn with a fixed seed, for an estimate; all of them (the exact scores)
   * when absent or not fewer than the graph's places.
   */
  sampleSize?: number | null;
  /** worker threads one computation is split across; by default one per core */
  threads?: number;
  /**
   * threads at the lowest priority (nice 19, each thread its own on Linux), for background work
   * that must not slow what the machine answers meanwhile; ignored where it cannot be set
   */
  lowPriority?: boolean;
}

/** The seed of the sampled estimate's draw: the same graph and sample size give the same scores. */
export const SAMPLE_SEED = 1;

/**
 * Places a sampled estimate draws. On the world network (16,944 places; test/src/bench-centrality.ts)
 * 500 gave Spearman's 0.993 against the exact betweenness over all places, all of the top 10 and 77
 * of the top 100, in 1.0–1.4 s of CPU on the loaded 2-core machine; 250 only 6 of the top 10, 1,000
 * and 4,000 all 10 and 81 and 92 of the top 100 at 1.4× and 3.8× the CPU.
 */
export const CENTRALITY_SAMPLE_SIZE = 500;

/** The worker runs the searches' own source text: see shortestPathSums. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const shortestPathSums = (${shortestPathSums.toString()});
const { offsets, neighbours, searches, weights, leaves, leafDependencies, betweenness, lowPriority } = workerData;
if (lowPriority) {
  try {
    require("node:os").setPriority(19);
  } catch {
    // refused here: the searches run at the usual priority
  }
}
const sums = shortestPathSums(offsets, neighbours, searches, weights, leaves, leafDependencies, betweenness);
parentPort.postMessage(sums, [sums.buffer]);
`;

/**
 * Searches this small (sources × pairs) take a few milliseconds here: a thread would cost more than
 * it saves.
 */
const INLINE_WORK = 1_000_000;

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

/** The threads a computation is split across unless told otherwise: one per core. */
export function defaultCentralityThreads(): number {
  return availableParallelism();
}

/** The searches for the exact scores, or for an estimate from a seeded sample of them. */
function planOf(compact: CompactGraph, measure: SlowMeasure, options: MeasureOptions): SearchPlan {
  return planSearches(compact, measure, options.sampleSize ?? null, seededRandom(SAMPLE_SEED));
}

/** City id -> score: in worker threads for large graphs, in this thread for small ones. */
export function measureCentrality(
  graph: UndirectedGraph,
  measure: SlowMeasure,
  signal?: AbortSignal,
  options: MeasureOptions = {},
): Promise<Record<string, number>> {
  const sources = Math.min(graph.order, options.sampleSize ?? graph.order);
  if (sources * graph.size > INLINE_WORK) return measureInWorker(graph, measure, signal, options);
  if (signal?.aborted) return Promise.reject(new MeasureCancelledError());
  return Promise.resolve(measureInThread(graph, measure, options));
}

export function measureInThread(
  graph: UndirectedGraph,
  measure: SlowMeasure,
  options: MeasureOptions = {},
): Record<string, number> {
  const compact = compactGraph(graph);
  const plan = planOf(compact, measure, options);
  const sums = shortestPathSums(
    compact.offsets,
    compact.neighbours,
    plan.searches,
    plan.weights,
    plan.leaves,
    plan.leafDependencies,
    measure === "betweenness",
  );
  return scoresFromSums(compact.ids, measure, sums, plan);
}

/**
 * The searches are dealt out in turn to `threads` workers, so each gets places from all over the
 * graph's order, and their sums are added up in the workers' order, so the same graph gives the
 * same scores. `signal` terminates the workers and rejects with MeasureCancelledError.
 */
export function measureInWorker(
  graph: UndirectedGraph,
  measure: SlowMeasure,
  signal?: AbortSignal,
  options: MeasureOptions = {},
): Promise<Record<string, number>> {
  if (signal?.aborted) return Promise.reject(new MeasureCancelledError());
  // without pairs there is no search to run, so no thread to start
  if (graph.size === 0) return Promise.resolve(measureInThread(graph, measure, options));
  const compact = compactGraph(graph);
  const plan = planOf(compact, measure, options);
  const threads = Math.max(1, Math.min(options.threads ?? defaultCentralityThreads(), plan.searches.length));
  const share = (t: number) => (_value: number, i: number) => i % threads === t;
  const shares = Array.from({ length: threads }, (_, t) => ({
    searches: plan.searches.filter(share(t)),
    weights: plan.weights.filter(share(t)),
    leaves: plan.leaves.filter(share(t)),
    leafDependencies: plan.leafDependencies.filter(share(t)),
  }));
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    const stop = () => {
      for (const worker of workers) void worker.terminate();
    };
    const cancel = () => {
      reject(new MeasureCancelledError());
      stop();
    };
    signal?.addEventListener("abort", cancel, { once: true });
    const fail = (error: unknown) => {
      signal?.removeEventListener("abort", cancel);
      reject(error);
      stop();
    };
    const partials = shares.map((share) => {
      const worker = searchesInWorker(
        compact,
        share,
        measure === "betweenness",
        options.lowPriority ?? false,
      );
      workers.push(worker.thread);
      return worker.sums;
    });
    Promise.all(partials).then((sums) => {
      signal?.removeEventListener("abort", cancel);
      resolve(scoresFromSums(compact.ids, measure, addUp(sums), plan));
    }, fail);
  });
}

function searchesInWorker(
  { offsets, neighbours }: CompactGraph,
  share: Pick<SearchPlan, "searches" | "weights" | "leaves" | "leafDependencies">,
  betweenness: boolean,
  lowPriority: boolean,
): { thread: Worker; sums: Promise<PathSums> } {
  const thread = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { offsets, neighbours, ...share, betweenness, lowPriority },
  });
  liveWorkers += 1;
  const sums = new Promise<PathSums>((resolve, reject) => {
    thread.once("message", (sums: PathSums) => {
      resolve(sums);
      void thread.terminate();
    });
    thread.once("error", reject);
    thread.once("exit", (code) => {
      liveWorkers -= 1;
      // settles nothing when the answer or an error came first
      reject(new Error(`The centrality worker stopped (exit code ${code}) before answering.`));
    });
  });
  return { thread, sums };
}

function addUp(partials: PathSums[]): PathSums {
  const [total, ...rest] = partials;
  for (const partial of rest) for (let i = 0; i < total.length; i += 1) total[i] += partial[i];
  return total;
}
