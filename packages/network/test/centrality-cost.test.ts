// The estimate a caller refuses slow measures by: places × pairs, priced per measure.
import { UndirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import { CPU_NANOSECONDS_PER_UNIT, centralityCost, workLimit } from "../src";

describe("centralityCost", () => {
  it("counts places × pairs, and prices betweenness above closeness", () => {
    const graph = new UndirectedGraph();
    for (const [source, target] of [
      ["a", "b"],
      ["b", "c"],
      ["c", "a"],
      ["c", "d"],
    ])
      graph.mergeEdge(source, target);
    const betweenness = centralityCost(graph, "betweenness");
    expect(betweenness).toMatchObject({ places: 4, pairs: 4, work: 16 });
    expect(betweenness.seconds).toBeCloseTo((16 * CPU_NANOSECONDS_PER_UNIT.betweenness) / 1e9);
    expect(centralityCost(graph, "closeness").seconds).toBeLessThan(betweenness.seconds);
  });

  it("gives the most work that fits a budget: no more, so a view at the limit is within it", () => {
    const limit = workLimit("betweenness", 1);
    expect((limit * CPU_NANOSECONDS_PER_UNIT.betweenness) / 1e9).toBeLessThanOrEqual(1);
    expect(((limit + 1) * CPU_NANOSECONDS_PER_UNIT.betweenness) / 1e9).toBeGreaterThan(1);
  });
});
