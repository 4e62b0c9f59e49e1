// Work a server does for itself once it has started (computing what reads will ask for, indexing
// what a later request needs) waits a little after it listens: `npm start` loads six processes at
// once on a small machine, and work begun at once would take their cores while they load. Whatever
// the work prepares must still be had on demand meanwhile: a request that needs it first starts it.
import { nonNegativeIntegerFromEnv } from "./settings";

/** How long after listening a server's warm-up begins: TWINGRAPH_WARM_DELAY_MS, else 5 s. */
export function warmUpDelayFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return nonNegativeIntegerFromEnv(env, "TWINGRAPH_WARM_DELAY_MS", DEFAULT_WARM_DELAY_MS);
}

const DEFAULT_WARM_DELAY_MS = 5_000;

export interface WarmUp {
  /** the warm-up does not begin if it has not yet; one under way goes on */
  cancel(): void;
}

/**
 * Runs `work` after `delayMs` unless `disabledBy` (an environment variable) is "0" or it is cancelled
 * first (the server stopped); the timer holds no process open.
 */
export function warmUpLater(
  work: () => void,
  { disabledBy, delayMs = warmUpDelayFromEnv() }: { disabledBy: string; delayMs?: number },
): WarmUp {
  if (process.env[disabledBy] === "0") return { cancel: () => undefined };
  const timer = setTimeout(work, delayMs);
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
}
