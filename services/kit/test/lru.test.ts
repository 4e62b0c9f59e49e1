// The weight-bounded cache that keeps network views and scores within a memory budget.
import { describe, expect, it } from "vitest";
import { WeightedLru } from "../src/lru";

describe("WeightedLru", () => {
  it("drops the least recently used until the total weight fits", () => {
    const cache = new WeightedLru<string>(10);
    cache.set("a", "A", 4);
    cache.set("b", "B", 4);
    expect(cache.get("a")).toBe("A");
    cache.set("c", "C", 4);
    // b was used least recently: a was read after it was stored
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual(["A", undefined, "C"]);
  });

  it("keeps nothing heavier than the whole budget, and counts a replaced value once", () => {
    const cache = new WeightedLru<string>(10);
    cache.set("huge", "H", 11);
    expect(cache.get("huge")).toBeUndefined();
    cache.set("a", "A", 6);
    cache.set("a", "A2", 6);
    cache.set("b", "B", 4);
    expect([cache.get("a"), cache.get("b")]).toEqual(["A2", "B"]);
  });
});
