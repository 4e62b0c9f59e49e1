// Centrality scores for a request, which never writes and never holds the cores for long: degree at
// once; the whole network's slow measures from what the background computation stored; a view
// whose exact scores fit in about a second of CPU through the bounded line of workers, kept in
// memory; a larger one (the whole network too, until its exact scores are stored) estimated from a
// seeded sample of places when that fits; anything larger still refused with a code saying what to
// ask instead. Each answer says which method gave it.

import { WeightedLru } from "@twingraph/kit/http";
import { codedError } from "@twingraph/kit/subgraph";
import {
  CENTRALITY_SAMPLE_SIZE,
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
import { storedScores } from "./metric-store";
import { RankingMethod } from "./network.types";
import { scheduleWholeNetwork } from "./warm";

/** Scores and how they were computed. */
export interface Ranking {
  scores: Scores;
  method: RankingMethod;
  /** SAMPLED: the places the estimate searched from; null otherwise */
  sampleSize: number | null;
}

/** Scores kept in memory, by count: some 100 bytes each, so about 20 MB. */
const MAX_KEPT_SCORES = 200_000;
const kept = new WeightedLru<Ranking>(MAX_KEPT_SCORES);

const WHOLE_NETWORK_KEY = scopeKey(WHOLE_NETWORK);

const exact = (scores: Scores): Ranking => ({ scores, method: RankingMethod.EXACT, sampleSize: null });

/** City id -> score, and the method. `signal` says the requester went away: a computation only it waits for stops. */
export async function centralityRanking(
  db: DataSource,
  view: PartnershipView,
  measure: Centrality,
  signal?: AbortSignal,
): Promise<Ranking> {
  if (measure === "degree")
    return { scores: degreeScores(view), method: RankingMethod.DEGREE, sampleSize: null };
  // a view without pairs (a filter no partnership meets) scores at once: nothing to queue or keep
  if (view.graph.size === 0) return exact(measureInThread(view.graph, measure));
  const whole = scopeKey(view.scope) === WHOLE_NETWORK_KEY;
  if (whole) {
    const stored = await storedScores(db, measure, view.revision);
    if (stored) return exact(stored);
  }
  const { maxSeconds } = measureLimits();
  const exactCost = centralityCost(view.graph, measure);
  if (exactCost.seconds <= maxSeconds) return measured(db, view, measure, exactCost, signal);
  // the background computation stores the exact scores; meanwhile an estimate
  const run = whole ? scheduleWholeNetwork(db, view) : undefined;
  const sampledCost = centralityCost(view.graph, measure, CENTRALITY_SAMPLE_SIZE);
  if (sampledCost.seconds <= maxSeconds) return measured(db, view, measure, sampledCost, signal);
  if (run) throw measureNotReady(measure, run.retryAfterSeconds());
  throw measureTooExpensive(measure, sampledCost, maxSeconds);
}

/** The exact scores, or the estimate when `cost` counts fewer searches than the exact scores take. */
async function measured(
  db: DataSource,
  view: PartnershipView,
  measure: SlowMeasure,
  cost: CentralityCost,
  signal: AbortSignal | undefined,
): Promise<Ranking> {
  const sampleSize =
    cost.searches < centralityCost(view.graph, measure).searches ? CENTRALITY_SAMPLE_SIZE : null;
  const method = sampleSize === null ? "exact" : `sampled ${sampleSize}`;
  const key = `${databaseTag(db)}|${view.revision}|${measure}|${method}|${scopeKey(view.scope)}`;
  const known = kept.get(key);
  if (known) return known;
  spend(cost.seconds);
  const scores = await pooled(key, view, measure, sampleSize, signal);
  const ranking: Ranking =
    sampleSize === null ? exact(scores) : { scores, method: RankingMethod.SAMPLED, sampleSize };
  kept.set(key, ranking, view.graph.order + 1);
  return ranking;
}

async function pooled(
  key: string,
  view: PartnershipView,
  measure: SlowMeasure,
  sampleSize: number | null,
  signal: AbortSignal | undefined,
): Promise<Scores> {
  try {
    return await requestPool().measure(key, view.graph, measure, signal, sampleSize);
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
    `${NAMES[measure]} of this view (${cost.places.toLocaleString("en")} places, ` +
      `${cost.pairs.toLocaleString("en")} linked pairs), even estimated from ${cost.searches.toLocaleString("en")} ` +
      `searches (searches × pairs = ${cost.work.toLocaleString("en")}), would take about ` +
      `${cost.seconds.toFixed(1)} s of CPU; a request may take ${maxSeconds} s ` +
      `(searches × pairs up to ${limit.toLocaleString("en")}). Ask for the whole network, whose ` +
      "measures are computed in the background, or narrow the filter.",
    {
      measure: measure.toUpperCase(),
      places: cost.places,
      pairs: cost.pairs,
      searches: cost.searches,
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
