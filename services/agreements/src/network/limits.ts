// How much of the machine the slow network measures may take: the CPU time a request's measure may
// be estimated at, and the workers and queue every requested computation goes through. Set by
// environment variables; tests change them with setMeasureLimits.
import { CentralityPool } from "@twingraph/network";

export interface MeasureLimits {
  /** estimated CPU seconds above which a requested measure is refused (MEASURE_TOO_EXPENSIVE) */
  maxSeconds: number;
  /** requested computations running at once in this process */
  workers: number;
  /** requested computations waiting; more are refused (NETWORK_BUSY) */
  queue: number;
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
};
let pool = new CentralityPool(limits);

export function measureLimits(): MeasureLimits {
  return limits;
}

/** The line every computation a request asks for goes through. */
export function requestPool(): CentralityPool {
  return pool;
}

/** New limits, with a new line: computations already in the old one finish there. */
export function setMeasureLimits(changes: Partial<MeasureLimits>): void {
  limits = { ...limits, ...changes };
  pool = new CentralityPool(limits);
}

/**
 * The whole network's measures, one at a time beside the requested ones, so a computation of
 * minutes never keeps a request's small one waiting. Its jobs come only from warm.ts: two measures
 * per database, the previous revision's cancelled when a new one starts.
 */
export const backgroundPool = new CentralityPool({ workers: 1, queue: 16 });

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
