// The estimate a caller chooses between exact scores and a sampled estimate by: searches × pairs,
// priced per measure, a place whose one partner has others riding on its partner's search.
import { UndirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import { CPU_NANOSECONDS_PER_UNIT, centralityCost, centralitySearches, workLimit } from "../src";

/** a triangle a-b-c, the leaf d on c, and the pair e–f alone */
function graph(): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (const [source, target] of [
    ["a", "b"],
    ["b", "c"],
    ["c", "a"],
    ["c", "d"],
    ["e", "f"],
  ])
    graph.mergeEdge(source, target);
  return graph;
}

describe("centralityCost", () => {
  it("counts searches × pairs: a leaf needs no search of its own, a pair alone two", () => {
    expect(centralitySearches(graph())).toBe(5);
    const betweenness = centralityCost(graph(), "betweenness");
    expect(betweenness).toMatchObject({ places: 6, pairs: 5, searches: 5, work: 25 });
    expect(betweenness.seconds).toBeCloseTo((25 * CPU_NANOSECONDS_PER_UNIT.betweenness) / 1e9);
    expect(centralityCost(graph(), "closeness").seconds).toBeLessThan(betweenness.seconds);
  });

  it("prices a sample by its searches, and a sample as large as the searches as the exact scores", () => {
    expect(centralityCost(graph(), "betweenness", 2)).toMatchObject({ searches: 2, work: 10 });
    expect(centralityCost(graph(), "betweenness", 50)).toEqual(centralityCost(graph(), "betweenness"));
  });

  it("gives the most work that fits a budget: no more, so a view at the limit is within it", () => {
    const limit = workLimit("betweenness", 1);
    expect((limit * CPU_NANOSECONDS_PER_UNIT.betweenness) / 1e9).toBeLessThanOrEqual(1);
    expect(((limit + 1) * CPU_NANOSECONDS_PER_UNIT.betweenness) / 1e9).toBeGreaterThan(1);
  });
});
