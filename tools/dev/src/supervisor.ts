// Keeps one child process running: when it dies it is started again after a back-off that doubles
// while it keeps dying and starts over once it has stayed up a while. Processes, clock and timers come
// in from outside, so the policy is tested without starting anything.
import type { ChildProcess } from "node:child_process";

export interface BackoffPolicy {
  /** the wait before the first restart */
  initialMs: number;
  /** the longest wait, however often the process dies */
  maxMs: number;
  /** a process that stayed up this long is healthy again: the next restart waits initialMs */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 10_000, resetAfterMs: 30_000 };

/** The waits between restarts: initialMs, doubling to maxMs, back to initialMs after a long run. */
export class Backoff {
  private next: number;

  constructor(private readonly policy: BackoffPolicy = DEFAULT_BACKOFF) {
    this.next = policy.initialMs;
  }

  /** The wait before the next start of a process that ran for `uptimeMs` before it died. */
  delayAfter(uptimeMs: number): number {
    if (uptimeMs >= this.policy.resetAfterMs) this.next = this.policy.initialMs;
    const delay = this.next;
    this.next = Math.min(this.next * 2, this.policy.maxMs);
    return delay;
  }
}

/** What the supervisor needs of a child process; node's ChildProcess fits through `fromChildProcess`. */
export interface SupervisedProcess {
  readonly pid?: number;
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  kill(signal: NodeJS.Signals): void;
}

export function fromChildProcess(child: ChildProcess): SupervisedProcess {
  return {
    pid: child.pid,
    onExit: (listener) => child.once("exit", listener),
    kill: (signal) => child.kill(signal),
  };
}

export interface Clock {
  now(): number;
  /** runs `callback` after `ms`; the function returned cancels it */
  schedule(callback: () => void, ms: number): () => void;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  schedule(callback, ms) {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};

export interface SupervisorOptions {
  /** how messages name the process: "the cities subgraph" */
  label: string;
  start(): SupervisedProcess;
  log(message: string): void;
  /** called with each process started after the first (a restart) */
  onRestart?(process: SupervisedProcess): void;
  backoff?: BackoffPolicy;
  clock?: Clock;
  /** how long a process may take to stop on SIGTERM before it gets SIGKILL */
  stopTimeoutMs?: number;
}

export class Supervisor {
  private readonly backoff: Backoff;
  private readonly clock: Clock;
  private current?: SupervisedProcess;
  private startedAt = 0;
  private cancelRestart?: () => void;
  private stopping = false;
  private exited?: () => void;
  private restartCount = 0;

  constructor(private readonly options: SupervisorOptions) {
    this.backoff = new Backoff(options.backoff);
    this.clock = options.clock ?? SYSTEM_CLOCK;
  }

  /** the process now running, if any (none while waiting to restart) */
  get process(): SupervisedProcess | undefined {
    return this.current;
  }

  get restarts(): number {
    return this.restartCount;
  }

  start(): SupervisedProcess {
    if (this.stopping) throw new Error(`${this.options.label} is stopping`);
    const child = this.options.start();
    this.current = child;
    this.startedAt = this.clock.now();
    child.onExit((code, signal) => this.exitedWith(code, signal));
    return child;
  }

  /** Stops the process (SIGTERM, then SIGKILL after stopTimeoutMs) and restarts it no more. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.cancelRestart?.();
    const child = this.current;
    if (!child) return;
    const exited = new Promise<void>((resolve) => {
      this.exited = resolve;
    });
    child.kill("SIGTERM");
    const cancelKill = this.clock.schedule(() => child.kill("SIGKILL"), this.options.stopTimeoutMs ?? 5_000);
    await exited;
    cancelKill();
  }

  private exitedWith(code: number | null, signal: NodeJS.Signals | null): void {
    this.current = undefined;
    if (this.stopping) {
      this.exited?.();
      return;
    }
    const delay = this.backoff.delayAfter(this.clock.now() - this.startedAt);
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    this.options.log(`${capitalized(this.options.label)} stopped (${how}); restarting in ${seconds(delay)}.`);
    this.cancelRestart = this.clock.schedule(() => {
      this.cancelRestart = undefined;
      if (this.stopping) return;
      this.restartCount++;
      const child = this.start();
      this.options.onRestart?.(child);
    }, delay);
  }
}

export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
