// A view without places or without pairs (a filter no partnership meets) is measured like any other:
// graphology-metrics refuses a graph of no places, so these answer before it, and without a thread.
import { UndirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import {
  CentralityPool,
  liveCentralityWorkers,
  measureCentrality,
  measureInThread,
  measureInWorker,
  type SlowMeasure,
} from "../src";

const MEASURES: readonly SlowMeasure[] = ["betweenness", "closeness"];

function places(...ids: string[]): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (const id of ids) graph.addNode(id);
  return graph;
}

describe.each(MEASURES)("%s of a graph without pairs", (measure) => {
  it("scores no place when there are none, in this thread, through the pool and in a worker's stead", async () => {
    const workers = liveCentralityWorkers();
    expect(measureInThread(places(), measure)).toEqual({});
    expect(await measureCentrality(places(), measure)).toEqual({});
    expect(await measureInWorker(places(), measure)).toEqual({});
    expect(await new CentralityPool({ workers: 1, queue: 0 }).measure("empty", places(), measure)).toEqual(
      {},
    );
    expect(liveCentralityWorkers()).toBe(workers);
  });

  it("scores one place, or places without partners, 0", async () => {
    expect(await measureCentrality(places("si-kranj"), measure)).toEqual({ "si-kranj": 0 });
    expect(await measureInWorker(places("a", "b", "c"), measure)).toEqual({ a: 0, b: 0, c: 0 });
  });
});
