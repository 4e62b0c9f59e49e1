// How much of the machine the slow network measures may take: the CPU time a request's measure may
// be estimated at, and the workers and queue every requested computation goes through. Set by
// environment variables; tests change them with setMeasureLimits.
import { codedError } from "@twingraph/kit/subgraph";
import { CentralityPool, defaultCentralityThreads } from "@twingraph/network";

export interface MeasureLimits {
  /** estimated CPU seconds above which a requested measure is refused (MEASURE_TOO_EXPENSIVE) */
  maxSeconds: number;
  /** requested computations running at once in this process */
  workers: number;
  /** requested computations waiting; more are refused (NETWORK_BUSY) */
  queue: number;
  /** worker threads each large computation is split across */
  threads: number;
}

function fromEnv(name: string, fallback: number, valid: (value: number) => boolean, rule: string): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!valid(value)) throw new Error(`${name} must be ${rule}, got "${text}"`);
  return value;
}

const isPositive = (value: number) => Number.isFinite(value) && value > 0;
const isPositiveInteger = (value: number) => Number.isInteger(value) && value > 0;
const isCount = (value: number) => Number.isInteger(value) && value >= 0;

let limits: MeasureLimits = {
  maxSeconds: fromEnv("TWINGRAPH_MEASURE_MAX_SECONDS", 1, isPositive, "a positive number of seconds"),
  workers: fromEnv("TWINGRAPH_CENTRALITY_WORKERS", 1, isPositiveInteger, "a positive integer"),
  queue: fromEnv("TWINGRAPH_CENTRALITY_QUEUE", 4, isCount, "a whole number"),
  threads: fromEnv(
    "TWINGRAPH_CENTRALITY_THREADS",
    defaultCentralityThreads(),
    isPositiveInteger,
    "a positive integer",
  ),
};
let pool = new CentralityPool(limits);

/**
 * The CPU that requested computations (a new view, a measure of it, communities at a new
 * resolution) may take together, as a token bucket of estimated seconds that holds a quarter of
 * `maxSeconds` and refills at a tenth of `maxSeconds` a second. A computation runs when the bucket
 * holds its estimate, or is full (a larger one, up to `maxSeconds`, then leaves it in debt). The
 * line of workers bounds how many run at a time; this bounds how much one request can start, since
 * a batch or aliases can ask for many computations that are each under `maxSeconds`, and the slow
 * refill holds a request whose own computations take seconds of wall time.
 */
export class MeasureBudget {
  private readonly capacity: number;
  private readonly refillPerSecond: number;
  private seconds: number;
  private updatedAt = performance.now();

  constructor(maxSeconds: number) {
    this.capacity = maxSeconds / 4;
    this.refillPerSecond = maxSeconds / 10;
    this.seconds = this.capacity;
  }

  /**
   * Takes `seconds` and answers 0, or takes nothing and answers the whole seconds to wait. `paid`:
   * what the same computation took just before (a first step), so a full bucket still counts as full.
   */
  take(seconds: number, paid = 0): number {
    const now = performance.now();
    const refilled = this.seconds + ((now - this.updatedAt) / 1000) * this.refillPerSecond;
    this.seconds = Math.min(this.capacity, refilled);
    this.updatedAt = now;
    if (seconds <= this.seconds || this.seconds + paid >= this.capacity) {
      this.seconds -= seconds;
      return 0;
    }
    const needed = Math.min(seconds, this.capacity) - this.seconds;
    return Math.max(1, Math.ceil(needed / this.refillPerSecond));
  }
}

let budget = new MeasureBudget(limits.maxSeconds);

export function measureLimits(): MeasureLimits {
  return limits;
}

/** The line every computation a request asks for goes through. */
export function requestPool(): CentralityPool {
  return pool;
}

/**
 * Takes a requested computation's estimated CPU from the measure budget, or refuses it with
 * NETWORK_BUSY: other requests have just spent what this process gives such computations. `paid`:
 * what the computation's first step took already (see MeasureBudget.take).
 */
export function spend(seconds: number, paid = 0): void {
  const retryAfterSeconds = budget.take(seconds, paid);
  if (retryAfterSeconds > 0)
    throw codedError(
      "NETWORK_BUSY",
      `This process has just spent its CPU for new network computations (${limits.maxSeconds / 4} s at once, ${limits.maxSeconds / 10} s more each second); try again in about ${retryAfterSeconds} s, or ask for what is computed already.`,
      { retryAfterSeconds },
    );
}

/** New limits, with a new line and a full budget: computations already in the old line finish there. */
export function setMeasureLimits(changes: Partial<MeasureLimits>): void {
  limits = { ...limits, ...changes };
  pool = new CentralityPool(limits);
  budget = new MeasureBudget(limits.maxSeconds);
}

/**
 * The whole network's measures, one at a time beside the requested ones, so a computation of
 * seconds never keeps a request's small one waiting, and in threads of the lowest priority, so
 * that it never slows the answers of this process or of the others on the machine (the parts of
 * a stack starting). Its jobs come only from warm.ts: two measures per database, the previous
 * revision's cancelled when a new one starts.
 */
export const backgroundPool = new CentralityPool({
  workers: 1,
  queue: 16,
  threads: limits.threads,
  lowPriority: true,
});

const databaseTags = new WeakMap<object, number>();
let lastTag = 0;

/** A number per database, so that computations on two databases of one process never share a key. */
export function databaseTag(db: object): number {
  let tag = databaseTags.get(db);
  if (tag === undefined) {
    lastTag += 1;
    tag = lastTag;
    databaseTags.set(db, tag);
  }
  return tag;
}
