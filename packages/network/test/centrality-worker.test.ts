// The slow measures in a worker thread give what they give in this thread; the worker is evaluated
// from a string, so this passing from the TypeScript sources means it runs from dist as well.
import { UndirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import { measureCentrality, measureInThread, measureInWorker } from "../src";

/** two triangles a-b-c and d-e-f joined by c–d */
function twoTriangles(): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (const edge of ["a b", "b c", "a c", "c d", "d e", "e f", "d f"]) {
    const [source, target] = edge.split(" ");
    graph.mergeEdge(source, target);
  }
  return graph;
}

/** a ring of `size` places: every place is alike, so every score is the same */
function ring(size: number): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (let i = 0; i < size; i += 1) graph.mergeEdge(`p${i}`, `p${(i + 1) % size}`);
  return graph;
}

describe("centrality in a worker thread", () => {
  it("computes the same betweenness and closeness as in this thread", async () => {
    const graph = twoTriangles();
    for (const measure of ["betweenness", "closeness"] as const)
      expect(await measureInWorker(graph, measure)).toEqual(measureInThread(graph, measure));
    expect((await measureInWorker(graph, "betweenness")).c).toBeCloseTo(0.6);
  });

  it("computes the same scores in threads of low priority", async () => {
    const graph = twoTriangles();
    for (const measure of ["betweenness", "closeness"] as const)
      expect(await measureInWorker(graph, measure, undefined, { lowPriority: true })).toEqual(
        measureInThread(graph, measure),
      );
  });

  it("measures a ring above the in-thread limit (1,600 places): every place alike", async () => {
    const graph = ring(1600);
    const scores = await measureCentrality(graph, "closeness");
    expect(Object.keys(scores)).toHaveLength(1600);
    expect(new Set(Object.values(scores)).size).toBe(1);
    // ring of 1,600: distances 1..799 twice and 800 once, summing to 640,000
    expect(scores.p0).toBeCloseTo(1599 / 640_000);
  });
});
