// Whole-network closeness and betweenness take seconds of every core on the world network: the
// subgraph computes them itself in the background (in worker threads), once per data revision, at
// start and again when a read finds a new revision, and stores them (network_metric). Reads never
// wait for them nor write them: until they are stored, a read gets a sampled estimate, or
// MEASURE_NOT_READY with an estimate of the wait when even that would take too long.
import { logger } from "@twingraph/kit/http";
import { centralityCost, MeasureCancelledError, type SlowMeasure, WHOLE_NETWORK } from "@twingraph/network";
import type { DataSource } from "typeorm";
import { networkView, onNewRevision } from "./cache";
import type { PartnershipView } from "./data";
import { backgroundPool, databaseTag } from "./limits";
import { storedScores, storeScores } from "./metric-store";

type Log = (line: string) => void;

const logLine: Log = (line) => logger.info(line);

const MEASURES: readonly SlowMeasure[] = ["closeness", "betweenness"];

export interface WholeNetworkRun {
  revision: number;
  /** settles when both measures are stored, or the run was cancelled or failed (and said so) */
  done: Promise<void>;
  /** seconds until the run is likely done, at least 1 */
  retryAfterSeconds(): number;
}

interface Run extends WholeNetworkRun {
  controller: AbortController;
}

const runs = new WeakMap<DataSource, Run>();
const logs = new WeakMap<DataSource, Log>();

/**
 * Computes the whole network's measures for the current revision, and again for each new revision a
 * read of the network finds from now on. Resolves when the current revision's are stored.
 */
export async function warmNetwork(db: DataSource, log: Log = logLine): Promise<void> {
  logs.set(db, log);
  onNewRevision(db, () => {
    networkView(db, WHOLE_NETWORK)
      .then((view) => scheduleWholeNetwork(db, view))
      .catch((error: unknown) => log(`agreements: could not read the network: ${messageOf(error)}`));
  });
  await scheduleWholeNetwork(db, await networkView(db, WHOLE_NETWORK)).done;
}

/**
 * The background computation of the whole network `view` (its revision's), started unless one for
 * that revision is under way; one for an earlier revision is cancelled, as nobody will read it.
 */
export function scheduleWholeNetwork(db: DataSource, view: PartnershipView): WholeNetworkRun {
  const current = runs.get(db);
  if (current?.revision === view.revision) return current;
  current?.controller.abort();
  const log = logs.get(db) ?? logLine;
  const controller = new AbortController();
  const started = Date.now();
  // CPU seconds, shared between the threads
  const estimatedSeconds =
    MEASURES.reduce((sum, measure) => sum + centralityCost(view.graph, measure).seconds, 0) /
    (backgroundPool.options.threads ?? 1);
  const run: Run = {
    revision: view.revision,
    controller,
    done: Promise.resolve(),
    retryAfterSeconds() {
      const remaining = estimatedSeconds - (Date.now() - started) / 1000;
      // past its estimate, it is still some way off: a tenth of the estimate is a fair next look
      return Math.max(1, Math.ceil(remaining > 0 ? remaining : estimatedSeconds / 10));
    },
  };
  run.done = computeAndStore(db, view, controller.signal, log).catch((error: unknown) => {
    // a later read starts again
    if (runs.get(db) === run) runs.delete(db);
    if (!(error instanceof MeasureCancelledError))
      log(`agreements: could not compute the whole-network measures: ${messageOf(error)}`);
  });
  runs.set(db, run);
  return run;
}

async function computeAndStore(
  db: DataSource,
  view: PartnershipView,
  signal: AbortSignal,
  log: Log,
): Promise<void> {
  for (const measure of MEASURES) {
    if (await storedScores(db, measure, view.revision)) continue;
    const started = Date.now();
    const key = `${databaseTag(db)}|${view.revision}|${measure}`;
    const scores = await backgroundPool.measure(key, view.graph, measure, signal);
    await storeScores(db, measure, view.revision, scores);
    log(`agreements: whole-network ${measure} ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
