// Graceful shutdown of a server process on SIGTERM or SIGINT: stop taking connections, answer /ready
// with 503, let the answers under way finish within a grace period, release what the process holds
// (a database), then exit 0. What an orchestrator's rolling restart or Ctrl-C expects.
import { logger } from "./logger";
import type { RunningServer } from "./serve";
import { shutdownGraceFromEnv } from "./settings";

export { shutdownGraceFromEnv };

/** After the grace, closing the server and what it holds may take this long before the process exits anyway. */
const RELEASE_TIMEOUT_MS = 5_000;
const SIGNALS: readonly NodeJS.Signals[] = ["SIGTERM", "SIGINT"];

export interface ShutdownOptions {
  /** names the process in its log lines: "gateway", "cities" */
  service: string;
  /** how long answers under way may take; default SHUTDOWN_GRACE_MS, else 10 s */
  graceMs?: number;
  /** releases what the process holds once the server has stopped (close its database) */
  release?: () => Promise<void>;
  /** default process.exit; tests pass their own */
  exit?: (code: number) => void;
}

/**
 * Drains the server on the first SIGTERM or SIGINT and exits; a second signal changes nothing, since
 * the grace period already bounds the wait. Returns what removes the signal handlers.
 */
export function shutdownOnSignals(
  server: Pick<RunningServer, "drain">,
  options: ShutdownOptions,
): () => void {
  const graceMs = options.graceMs ?? shutdownGraceFromEnv();
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ service: options.service, signal, graceMs }, "draining: finishing the answers under way");
    // kept referenced: a shutdown waiting on a promise that nothing will settle must not pass for a clean exit
    const stuck = setTimeout(() => {
      logger.error({ service: options.service }, "shutdown did not finish in time; exiting anyway");
      exit(1);
    }, graceMs + RELEASE_TIMEOUT_MS);
    server
      .drain(graceMs)
      .then(() => options.release?.())
      .then(
        () => {
          clearTimeout(stuck);
          logger.info({ service: options.service }, "stopped");
          exit(0);
        },
        (error: unknown) => {
          clearTimeout(stuck);
          logger.error({ service: options.service, err: error }, "shutdown failed");
          exit(1);
        },
      );
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  return () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  };
}
