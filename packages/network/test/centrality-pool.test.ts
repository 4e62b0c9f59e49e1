// The bounded line for slow measures: shared computations, a bounded queue refused beyond, and
// computations dropped (their worker terminated) once no requester waits.
import { UndirectedGraph } from "graphology";
import { describe, expect, it, vi } from "vitest";
import {
  CentralityPool,
  liveCentralityWorkers,
  MeasureCancelledError,
  type MeasureOptions,
  NetworkBusyError,
  type Scores,
  type SlowMeasure,
} from "../src";

/** a ring of `size` places */
function ring(size: number): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (let i = 0; i < size; i += 1) graph.mergeEdge(`p${i}`, `p${(i + 1) % size}`);
  return graph;
}

/** A compute function whose computations finish only when the test says, counting the started ones. */
function controlledCompute() {
  const started: {
    measure: SlowMeasure;
    signal: AbortSignal;
    options: MeasureOptions;
    finish: (scores: Scores) => void;
  }[] = [];
  const compute = (
    _graph: UndirectedGraph,
    measure: SlowMeasure,
    signal: AbortSignal,
    options: MeasureOptions,
  ) =>
    new Promise<Scores>((resolve, reject) => {
      started.push({ measure, signal, options, finish: resolve });
      signal.addEventListener("abort", () => reject(new MeasureCancelledError()));
    });
  return { started, compute };
}

const graph = ring(4);

describe("CentralityPool", () => {
  it("shares one computation between requests for the same key", async () => {
    const { started, compute } = controlledCompute();
    const pool = new CentralityPool({ workers: 1, queue: 4 }, compute);
    const first = pool.measure("a", graph, "betweenness");
    const second = pool.measure("a", graph, "betweenness", new AbortController().signal);
    await vi.waitFor(() => expect(started).toHaveLength(1));
    started[0].finish({ p0: 1 });
    expect(await first).toEqual({ p0: 1 });
    expect(await second).toEqual({ p0: 1 });
    expect(started).toHaveLength(1);
  });

  it("refuses a new computation when the workers and the queue are full, but not one already in line", async () => {
    const { started, compute } = controlledCompute();
    const pool = new CentralityPool({ workers: 1, queue: 2 }, compute);
    const leave = new AbortController();
    const accepted = ["a", "b", "c"].map((key) => pool.measure(key, graph, "closeness", leave.signal));
    await vi.waitFor(() => expect(started).toHaveLength(1));
    await expect(pool.measure("d", graph, "closeness")).rejects.toBeInstanceOf(NetworkBusyError);
    const again = pool.measure("c", graph, "closeness", leave.signal);
    expect(pool.load()).toEqual({ running: 1, queued: 2 });
    leave.abort();
    for (const request of [...accepted, again])
      await expect(request).rejects.toBeInstanceOf(MeasureCancelledError);
    expect(pool.load()).toEqual({ running: 0, queued: 0 });
  });

  it("counts requests made in one turn against the bound, before any of them starts", async () => {
    const { compute } = controlledCompute();
    const pool = new CentralityPool({ workers: 1, queue: 4 }, compute);
    const leave = new AbortController();
    const requests = Array.from({ length: 152 }, (_, index) =>
      pool.measure(`filter-${index}`, graph, "betweenness", leave.signal).then(
        () => "answered",
        (error: unknown) => (error instanceof NetworkBusyError ? "busy" : "cancelled"),
      ),
    );
    leave.abort();
    const outcomes = await Promise.all(requests);
    expect(outcomes.filter((outcome) => outcome === "cancelled")).toHaveLength(5);
    expect(outcomes.filter((outcome) => outcome === "busy")).toHaveLength(147);
  });

  it("drops a queued computation whose requester left, which frees its place in the queue", async () => {
    const { started, compute } = controlledCompute();
    const pool = new CentralityPool({ workers: 1, queue: 1 }, compute);
    const running = pool.measure("a", graph, "betweenness");
    const leaving = new AbortController();
    const queued = pool.measure("b", graph, "betweenness", leaving.signal);
    await vi.waitFor(() => expect(started).toHaveLength(1));
    leaving.abort();
    await expect(queued).rejects.toBeInstanceOf(MeasureCancelledError);
    const next = pool.measure("c", graph, "closeness");
    started[0].finish({ p0: 0.5 });
    expect(await running).toEqual({ p0: 0.5 });
    await vi.waitFor(() => expect(started).toHaveLength(2));
    // "b" never started: the second computation is "c"'s
    expect(started[1].measure).toBe("closeness");
    started[1].finish({ p0: 0.25 });
    expect(await next).toEqual({ p0: 0.25 });
  });

  it("keeps a computation while one of its requesters still waits, and one requested without a signal", async () => {
    const { started, compute } = controlledCompute();
    const pool = new CentralityPool({ workers: 1, queue: 4 }, compute);
    const [one, two] = [new AbortController(), new AbortController()];
    const left = pool.measure("a", graph, "betweenness", one.signal);
    const stays = pool.measure("a", graph, "betweenness", two.signal);
    const background = pool.measure("b", graph, "betweenness");
    await vi.waitFor(() => expect(started).toHaveLength(1));
    one.abort();
    await expect(left).rejects.toBeInstanceOf(MeasureCancelledError);
    expect(started[0].signal.aborted).toBe(false);
    started[0].finish({ p0: 1 });
    expect(await stays).toEqual({ p0: 1 });
    await vi.waitFor(() => expect(started).toHaveLength(2));
    started[1].finish({ p0: 2 });
    expect(await background).toEqual({ p0: 2 });
  });

  it("terminates the worker threads of a running computation every requester left", async () => {
    const pool = new CentralityPool({ workers: 1, queue: 4, threads: 2 });
    const before = liveCentralityWorkers();
    const leaving = new AbortController();
    // betweenness of a ring of 20,000 places takes many seconds: it is still running when the requester leaves
    const request = pool.measure("ring", ring(20_000), "betweenness", leaving.signal);
    await vi.waitFor(() => expect(liveCentralityWorkers()).toBe(before + 2), { timeout: 5000 });
    leaving.abort();
    await expect(request).rejects.toBeInstanceOf(MeasureCancelledError);
    await vi.waitFor(() => expect(liveCentralityWorkers()).toBe(before), { timeout: 5000 });
    expect(pool.load()).toEqual({ running: 0, queued: 0 });
  });

  it("hands a sample size to the computation, and none for the exact scores", async () => {
    const { started, compute } = controlledCompute();
    const pool = new CentralityPool({ workers: 2, queue: 0, threads: 3 }, compute);
    const sampled = pool.measure("sampled", graph, "betweenness", undefined, 100);
    const exact = pool.measure("exact", graph, "betweenness");
    await vi.waitFor(() => expect(started).toHaveLength(2));
    expect(started.map((computation) => computation.options)).toEqual([
      { sampleSize: 100, threads: 3 },
      { sampleSize: null, threads: 3 },
    ]);
    for (const computation of started) computation.finish({});
    await Promise.all([sampled, exact]);
  });

  it("runs a background pool's computations at low priority", async () => {
    const { started, compute } = controlledCompute();
    const pool = new CentralityPool({ workers: 1, queue: 0, threads: 2, lowPriority: true }, compute);
    const scores = pool.measure("background", graph, "closeness");
    await vi.waitFor(() => expect(started).toHaveLength(1));
    expect(started[0].options).toEqual({ sampleSize: null, threads: 2, lowPriority: true });
    started[0].finish({ p0: 1 });
    expect(await scores).toEqual({ p0: 1 });
  });
});
