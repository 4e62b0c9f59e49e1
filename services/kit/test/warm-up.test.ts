// A server's warm-up waits TWINGRAPH_WARM_DELAY_MS after it listens, and a server stopped before
// then never begins it.
import { afterEach, describe, expect, it, vi } from "vitest";
import { warmUpDelayFromEnv, warmUpLater } from "../src/warm-up";

afterEach(() => {
  vi.useRealTimers();
});

describe("a warm-up", () => {
  it("begins once its delay has passed, not before", () => {
    vi.useFakeTimers();
    const work = vi.fn();
    warmUpLater(work, 5_000);
    vi.advanceTimersByTime(4_999);
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(work).toHaveBeenCalledOnce();
  });

  it("never begins when cancelled first", () => {
    vi.useFakeTimers();
    const work = vi.fn();
    warmUpLater(work, 5_000).cancel();
    vi.advanceTimersByTime(10_000);
    expect(work).not.toHaveBeenCalled();
  });

  it("waits TWINGRAPH_WARM_DELAY_MS, 5 s unless set, and refuses a delay that is not a whole number", () => {
    expect(warmUpDelayFromEnv({})).toBe(5_000);
    expect(warmUpDelayFromEnv({ TWINGRAPH_WARM_DELAY_MS: "0" })).toBe(0);
    expect(warmUpDelayFromEnv({ TWINGRAPH_WARM_DELAY_MS: "250" })).toBe(250);
    expect(() => warmUpDelayFromEnv({ TWINGRAPH_WARM_DELAY_MS: "-1" })).toThrow(/TWINGRAPH_WARM_DELAY_MS/);
    expect(() => warmUpDelayFromEnv({ TWINGRAPH_WARM_DELAY_MS: "soon" })).toThrow(/whole number/);
  });
});
