// A bounded line for slow measures: at most `workers` computations at a time and `queue` waiting,
// identical requests sharing one computation, and a computation dropped (its worker terminated)
// once every requester has gone away. Beyond the queue a request is refused at once, so a burst of
// distinct requests costs neither unbounded threads nor unbounded memory.
import type { UndirectedGraph } from "graphology";
import {
  MeasureCancelledError,
  type MeasureOptions,
  measureCentrality,
  type SlowMeasure,
} from "./centrality-worker";

export interface CentralityPoolOptions {
  /** computations running at once */
  workers: number;
  /** computations waiting for a worker */
  queue: number;
  /** worker threads each computation is split across; by default one per core */
  threads?: number;
  /** computations at the lowest priority (MeasureOptions.lowPriority): background work */
  lowPriority?: boolean;
}

/** Refused: the pool's workers are busy and its queue is full. */
export class NetworkBusyError extends Error {
  constructor(readonly options: CentralityPoolOptions) {
    super(`The network measures are busy: ${options.workers} running and ${options.queue} waiting.`);
    this.name = "NetworkBusyError";
  }
}

export type Scores = Record<string, number>;

type Compute = (
  graph: UndirectedGraph,
  measure: SlowMeasure,
  signal: AbortSignal,
  options: MeasureOptions,
) => Promise<Scores>;

interface Job {
  key: string;
  graph: UndirectedGraph;
  measure: SlowMeasure;
  /** sources of a sampled estimate, null for the exact scores */
  sampleSize: number | null;
  /** stops the computation, queued or running */
  controller: AbortController;
  result: Promise<Scores>;
  settle: { resolve: (scores: Scores) => void; reject: (error: unknown) => void };
  /** a requester without a signal cannot go away, so the job is never dropped */
  held: boolean;
  /** requesters with a signal, still waiting */
  waiting: number;
}

export class CentralityPool {
  private readonly jobs = new Map<string, Job>();
  private readonly queued: Job[] = [];
  private running = 0;

  constructor(
    readonly options: CentralityPoolOptions,
    private readonly compute: Compute = measureCentrality,
  ) {}

  /**
   * Scores of `measure` on `graph`, estimated from `sampleSize` sources when given. Requests with
   * the same `key` share one computation; `signal` says the requester went away, and a computation
   * every requester left is dropped. Rejects with NetworkBusyError when a new computation finds the
   * queue full, MeasureCancelledError when the requester's signal aborts first.
   */
  measure(
    key: string,
    graph: UndirectedGraph,
    measure: SlowMeasure,
    signal?: AbortSignal,
    sampleSize: number | null = null,
  ): Promise<Scores> {
    if (signal?.aborted) return Promise.reject(new MeasureCancelledError());
    let job = this.jobs.get(key);
    if (!job) {
      // counted together: jobs added in one turn are all queued until the next starts them
      if (this.running + this.queued.length >= this.options.workers + this.options.queue)
        return Promise.reject(new NetworkBusyError(this.options));
      job = this.add(key, graph, measure, sampleSize);
    }
    return this.wait(job, signal);
  }

  /** Computations running and waiting. */
  load(): { running: number; queued: number } {
    return { running: this.running, queued: this.queued.length };
  }

  private add(key: string, graph: UndirectedGraph, measure: SlowMeasure, sampleSize: number | null): Job {
    let settle!: Job["settle"];
    const result = new Promise<Scores>((resolve, reject) => {
      settle = { resolve, reject };
    });
    // a dropped job's rejection may reach no requester
    result.catch(() => {});
    const job: Job = {
      key,
      graph,
      measure,
      sampleSize,
      controller: new AbortController(),
      result,
      settle,
      held: false,
      waiting: 0,
    };
    this.jobs.set(key, job);
    this.queued.push(job);
    // started on a later turn, so requests arriving together all meet the same bounded queue even
    // when each computation is small enough to run in this thread
    setImmediate(() => this.next());
    return job;
  }

  private wait(job: Job, signal: AbortSignal | undefined): Promise<Scores> {
    if (!signal) {
      job.held = true;
      return job.result;
    }
    job.waiting += 1;
    return new Promise((resolve, reject) => {
      const leave = () => {
        job.waiting -= 1;
        reject(new MeasureCancelledError());
        this.dropIfAbandoned(job);
      };
      signal.addEventListener("abort", leave, { once: true });
      job.result.then(
        (scores) => {
          signal.removeEventListener("abort", leave);
          resolve(scores);
        },
        (error: unknown) => {
          signal.removeEventListener("abort", leave);
          reject(error);
        },
      );
    });
  }

  private dropIfAbandoned(job: Job): void {
    if (job.held || job.waiting > 0) return;
    const index = this.queued.indexOf(job);
    if (index >= 0) {
      this.queued.splice(index, 1);
      this.forget(job);
      job.settle.reject(new MeasureCancelledError());
    } else job.controller.abort();
  }

  private next(): void {
    while (this.running < this.options.workers && this.queued.length > 0) {
      const job = this.queued.shift() as Job;
      this.running += 1;
      // a promise around the call, so that a measure throwing in this thread rejects like one in a worker
      const { threads, lowPriority } = this.options;
      const options = { sampleSize: job.sampleSize, threads, lowPriority };
      new Promise<Scores>((resolve) =>
        resolve(this.compute(job.graph, job.measure, job.controller.signal, options)),
      )
        .then(job.settle.resolve, job.settle.reject)
        .finally(() => {
          this.running -= 1;
          this.forget(job);
          this.next();
        });
    }
  }

  private forget(job: Job): void {
    if (this.jobs.get(job.key) === job) this.jobs.delete(job.key);
  }
}
