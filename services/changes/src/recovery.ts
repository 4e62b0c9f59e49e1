// The recovery pass, at start and then every CHANGES_RECOVERY_MS: changesets that a stopped process
// or an unreachable subgraph left APPLYING are committed or aborted everywhere (see Changes.recover).
import { logger } from "@twingraph/kit/http";
import type { Changes } from "./coordinator";

export const DEFAULT_RECOVERY_MS = 2_000;

export function recoveryIntervalFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.CHANGES_RECOVERY_MS;
  if (value === undefined || value === "") return DEFAULT_RECOVERY_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0)
    throw new Error(`CHANGES_RECOVERY_MS must be a positive number of milliseconds, got "${value}"`);
  return ms;
}

export interface RecoveryLoop {
  /** stops the loop, after the pass under way */
  stop(): Promise<void>;
}

/** Runs a pass now, then one every `intervalMs` after the last ended; never keeps the process alive. */
export function startChangesRecovery(changes: Changes, intervalMs: number): RecoveryLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const pass = () => {
    current = changes
      .recover()
      .then((report) => {
        if (report.committed.length + report.aborted.length > 0)
          logger.info({ service: "changes", ...report }, "recovered changesets left applying");
      })
      .catch((error: unknown) => logger.warn({ service: "changes", err: error }, "the recovery pass failed"))
      .then(() => {
        if (stopped) return;
        timer = setTimeout(pass, intervalMs);
        timer.unref();
      });
  };
  pass();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
