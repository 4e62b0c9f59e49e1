// The supervisor's policy without processes: a fake clock and fake children that die on demand.
import { describe, expect, it } from "vitest";
import { Backoff, type Clock, type SupervisedProcess, Supervisor } from "../src/supervisor";

class FakeClock implements Clock {
  private time = 0;
  private timers: { at: number; callback: () => void }[] = [];

  now(): number {
    return this.time;
  }

  schedule(callback: () => void, ms: number): () => void {
    const timer = { at: this.time + ms, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((candidate) => candidate !== timer);
    };
  }

  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = this.timers.filter((timer) => timer.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = until;
  }
}

class FakeProcess implements SupervisedProcess {
  readonly signals: NodeJS.Signals[] = [];
  private listener?: (code: number | null, signal: NodeJS.Signals | null) => void;

  constructor(
    readonly pid: number,
    private readonly obeys: readonly NodeJS.Signals[] = ["SIGTERM", "SIGKILL"],
  ) {}

  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void {
    this.listener = listener;
  }

  kill(signal: NodeJS.Signals): void {
    this.signals.push(signal);
    if (this.obeys.includes(signal)) this.die(null, signal);
  }

  die(code: number | null, signal: NodeJS.Signals | null = null): void {
    this.listener?.(code, signal);
  }
}

function supervised(obeys?: readonly NodeJS.Signals[], { withHook = true } = {}) {
  const clock = new FakeClock();
  const started: FakeProcess[] = [];
  const restarted: SupervisedProcess[] = [];
  const messages: string[] = [];
  const supervisor = new Supervisor({
    label: "the cities subgraph",
    clock,
    log: (message) => messages.push(message),
    start: () => {
      const child = new FakeProcess(100 + started.length, obeys);
      started.push(child);
      return child;
    },
    onRestart: withHook ? (child) => restarted.push(child) : undefined,
  });
  const latest = () => started[started.length - 1] as FakeProcess;
  return { clock, started, restarted, messages, supervisor, latest };
}

describe("Backoff", () => {
  it("doubles from 0.5 s to at most 10 s while the process keeps dying young", () => {
    const backoff = new Backoff();
    const delays = Array.from({ length: 8 }, () => backoff.delayAfter(100));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });

  it("starts over at 0.5 s once the process stayed up 30 s", () => {
    const backoff = new Backoff();
    for (let death = 0; death < 4; death++) backoff.delayAfter(100);
    expect(backoff.delayAfter(29_999)).toBe(8000);
    expect(backoff.delayAfter(30_000)).toBe(500);
    expect(backoff.delayAfter(100)).toBe(1000);
  });
});

describe("Supervisor", () => {
  it("says a process died and starts it again after the back-off", () => {
    const { clock, started, restarted, messages, supervisor, latest } = supervised();
    supervisor.start();
    clock.advance(1000);
    latest().die(null, "SIGKILL");
    expect(messages).toEqual(["The cities subgraph stopped (signal SIGKILL); restarting in 0.5 s."]);
    expect(supervisor.process).toBeUndefined();
    clock.advance(499);
    expect(started).toHaveLength(1);
    clock.advance(1);
    expect(started).toHaveLength(2);
    expect(restarted).toEqual([started[1]]);
    expect(supervisor.process).toBe(started[1]);
    expect(supervisor.restarts).toBe(1);
  });

  it("restarts a process as well when nobody asked to hear of restarts", () => {
    const { clock, started, supervisor, latest } = supervised(undefined, { withHook: false });
    supervisor.start();
    latest().die(null, "SIGKILL");
    clock.advance(500);
    expect(started).toHaveLength(2);
    expect(supervisor.process).toBe(started[1]);
  });

  it("waits longer each time the process dies young, and 0.5 s again after a long run", () => {
    const { clock, messages, supervisor, latest } = supervised();
    supervisor.start();
    latest().die(1);
    clock.advance(500);
    latest().die(1);
    clock.advance(1000);
    latest().die(1);
    clock.advance(2000);
    clock.advance(60_000);
    latest().die(1);
    expect(messages.map((message) => /restarting in (.*)\./.exec(message)?.[1])).toEqual([
      "0.5 s",
      "1 s",
      "2 s",
      "0.5 s",
    ]);
    expect(messages[0]).toBe("The cities subgraph stopped (exit code 1); restarting in 0.5 s.");
  });

  it("stops the process with SIGTERM and starts it no more", async () => {
    const { clock, started, messages, supervisor, latest } = supervised();
    supervisor.start();
    await supervisor.stop();
    expect(latest().signals).toEqual(["SIGTERM"]);
    clock.advance(60_000);
    expect(started).toHaveLength(1);
    expect(messages).toEqual([]);
  });

  it("cancels a restart that is waiting when it is stopped", async () => {
    const { clock, started, supervisor, latest } = supervised();
    supervisor.start();
    latest().die(1);
    await supervisor.stop();
    clock.advance(60_000);
    expect(started).toHaveLength(1);
  });

  it("kills a process that ignores SIGTERM after the stop timeout", async () => {
    const { clock, supervisor, latest } = supervised(["SIGKILL"]);
    supervisor.start();
    const stopped = supervisor.stop();
    expect(latest().signals).toEqual(["SIGTERM"]);
    clock.advance(5000);
    await stopped;
    expect(latest().signals).toEqual(["SIGTERM", "SIGKILL"]);
  });
});
