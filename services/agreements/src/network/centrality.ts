// Centrality scores for a request, which never writes and never holds a core for long: degree at
// once; the whole network's slow measures from what the background computation stored; a view
// small enough to measure in about a second of CPU through the bounded line of workers, kept in
// memory; anything larger refused with a code saying what to ask instead.
import { codedError } from "@twingraph/kit/subgraph";
import {
  type Centrality,
  type CentralityCost,
  centralityCost,
  degreeScores,
  MeasureCancelledError,
  measureInThread,
  NetworkBusyError,
  type Scores,
  type SlowMeasure,
  scopeKey,
  WHOLE_NETWORK,
  workLimit,
} from "@twingraph/network";
import type { GraphQLError } from "graphql";
import type { DataSource } from "typeorm";
import type { PartnershipView } from "./data";
import { databaseTag, measureLimits, requestPool, spend } from "./limits";
import { WeightedLru } from "./lru";
import { storedScores } from "./metric-store";
import { scheduleWholeNetwork } from "./warm";

/** Scores kept in memory, by count: some 100 bytes each, so about 20 MB. */
const MAX_KEPT_SCORES = 200_000;
const kept = new WeightedLru<Scores>(MAX_KEPT_SCORES);

const WHOLE_NETWORK_KEY = scopeKey(WHOLE_NETWORK);

/** City id -> score. `signal` says the requester went away: a computation only it waits for stops. */
export async function centralityScores(
  db: DataSource,
  view: PartnershipView,
  measure: Centrality,
  signal?: AbortSignal,
): Promise<Scores> {
  if (measure === "degree") return degreeScores(view);
  // a view without pairs (a filter no partnership meets) scores at once: nothing to queue or keep
  if (view.graph.size === 0) return measureInThread(view.graph, measure);
  const key = `${databaseTag(db)}|${view.revision}|${measure}|${scopeKey(view.scope)}`;
  const known = kept.get(key);
  if (known) return known;
  const whole = scopeKey(view.scope) === WHOLE_NETWORK_KEY;
  if (whole) {
    const stored = await storedScores(db, measure, view.revision);
    if (stored) return stored;
  }
  const cost = centralityCost(view.graph, measure);
  const { maxSeconds } = measureLimits();
  if (cost.seconds > maxSeconds) {
    if (whole) throw measureNotReady(measure, scheduleWholeNetwork(db, view).retryAfterSeconds());
    throw measureTooExpensive(measure, cost, maxSeconds);
  }
  spend(cost.seconds);
  const scores = await measured(key, view, measure, signal);
  kept.set(key, scores, view.graph.order + 1);
  return scores;
}

async function measured(
  key: string,
  view: PartnershipView,
  measure: SlowMeasure,
  signal: AbortSignal | undefined,
): Promise<Scores> {
  try {
    return await requestPool().measure(key, view.graph, measure, signal);
  } catch (error) {
    if (error instanceof NetworkBusyError) throw networkBusy(error);
    if (error instanceof MeasureCancelledError)
      throw codedError("REQUEST_CANCELLED", "The request was cancelled: its caller went away.");
    throw error;
  }
}

const NAMES: Record<SlowMeasure, string> = { betweenness: "Betweenness", closeness: "Closeness" };

function measureTooExpensive(measure: SlowMeasure, cost: CentralityCost, maxSeconds: number): GraphQLError {
  const limit = workLimit(measure, maxSeconds);
  return codedError(
    "MEASURE_TOO_EXPENSIVE",
    `${NAMES[measure]} of this view (${cost.places.toLocaleString("en")} places × ` +
      `${cost.pairs.toLocaleString("en")} linked pairs = ${cost.work.toLocaleString("en")}) would take ` +
      `about ${cost.seconds.toFixed(1)} s of CPU; a request may take ${maxSeconds} s ` +
      `(places × pairs up to ${limit.toLocaleString("en")}). Ask for the whole network, whose ` +
      "measures are computed in the background, or narrow the filter.",
    {
      measure: measure.toUpperCase(),
      places: cost.places,
      pairs: cost.pairs,
      work: cost.work,
      limit,
      estimatedSeconds: Number(cost.seconds.toFixed(2)),
      maxSeconds,
    },
  );
}

function measureNotReady(measure: SlowMeasure, retryAfterSeconds: number): GraphQLError {
  return codedError(
    "MEASURE_NOT_READY",
    `Whole-network ${measure} of the current data is being computed; try again in about ` +
      `${retryAfterSeconds} s.`,
    { measure: measure.toUpperCase(), retryAfterSeconds },
  );
}

function networkBusy(error: NetworkBusyError): GraphQLError {
  const { workers, queue } = error.options;
  // each computation in line is one a request may ask for: at most maxSeconds of CPU
  const retryAfterSeconds = Math.ceil(((workers + queue) / workers) * measureLimits().maxSeconds);
  return codedError("NETWORK_BUSY", `${error.message} Try again in about ${retryAfterSeconds} s.`, {
    retryAfterSeconds,
  });
}
