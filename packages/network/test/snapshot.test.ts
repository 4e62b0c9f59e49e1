// Building a view: one link per partnership and pair of its places, one graph edge per pair of
// places however many partnerships join them, and only the partnerships in scope.
import { describe, expect, it } from "vitest";
import { NetworkSnapshot, WHOLE_NETWORK } from "../src";
import { partnership } from "./partnerships";

describe("NetworkSnapshot", () => {
  it("links every pair of a partnership's places, and keeps a distance only for two-place ones", () => {
    const rows = [
      partnership(["si-a", "si-b", "si-c"], { distanceKm: 5 }),
      partnership(["si-a", "si-b"], { distanceKm: 12 }),
    ];
    const view = new NetworkSnapshot(rows, WHOLE_NETWORK, 7);
    // three places, the triangle's three pairs, and 3 + 1 links
    expect([view.graph.order, view.graph.size, view.links.length]).toEqual([3, 3, 4]);
    expect(view.links.map((link) => link.distanceKm)).toEqual([null, null, null, 12]);
    expect(view.revision).toBe(7);
  });

  it("counts a place listed twice in one partnership once", () => {
    const view = new NetworkSnapshot([partnership(["si-a", "si-a", "si-b"])], WHOLE_NETWORK, 1);
    expect([view.graph.order, view.links.length]).toEqual([2, 1]);
  });

  it("leaves out the partnerships outside the scope, and their places", () => {
    const rows = [partnership(["si-a", "si-b"]), partnership(["si-b", "hr-c"], { kind: "FRIENDSHIP" })];
    const view = new NetworkSnapshot(rows, { ...WHOLE_NETWORK, kinds: ["FRIENDSHIP"] }, 1);
    expect(view.graph.nodes().sort()).toEqual(["hr-c", "si-b"]);
    expect(view.partnerships).toEqual([rows[1]]);
  });

  it("lists each source document once, sorted", () => {
    const rows = [
      partnership(["si-a", "si-b"], {
        sources: [{ document: "b.txt", url: "https://b" }, { document: "a.txt" }],
      }),
      partnership(["si-b", "si-c"], { sources: [{ document: "b.txt", url: "https://other" }] }),
    ];
    expect(new NetworkSnapshot(rows, WHOLE_NETWORK, 1).sources()).toEqual([
      { document: "a.txt", url: null },
      { document: "b.txt", url: "https://b" },
    ]);
  });

  it("computes a memoized value once", () => {
    const view = new NetworkSnapshot([], WHOLE_NETWORK, 1);
    let calls = 0;
    const compute = () => {
      calls += 1;
      return { calls };
    };
    expect(view.memoize("key", compute)).toBe(view.memoize("key", compute));
    expect(calls).toBe(1);
  });
});
