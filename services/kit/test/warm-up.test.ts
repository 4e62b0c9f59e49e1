// A server's warm-up waits TWINGRAPH_WARM_DELAY_MS after it listens, a server stopped before then
// never begins it, and its own variable set to 0 leaves it out.
import { afterEach, describe, expect, it, vi } from "vitest";
import { warmUpDelayFromEnv, warmUpLater } from "../src/warm-up";

const SWITCH = "TWINGRAPH_WARM_SAMPLE";
const SETTINGS = { disabledBy: SWITCH, delayMs: 5_000 };

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe("a warm-up", () => {
  it("begins once its delay has passed, not before", () => {
    vi.useFakeTimers();
    const work = vi.fn();
    warmUpLater(work, SETTINGS);
    vi.advanceTimersByTime(4_999);
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(work).toHaveBeenCalledOnce();
  });

  it("never begins when cancelled first", () => {
    vi.useFakeTimers();
    const work = vi.fn();
    warmUpLater(work, SETTINGS).cancel();
    vi.advanceTimersByTime(10_000);
    expect(work).not.toHaveBeenCalled();
  });

  it("never begins when its variable is 0, and begins when it is anything else", () => {
    vi.useFakeTimers();
    const work = vi.fn();
    vi.stubEnv(SWITCH, "0");
    warmUpLater(work, SETTINGS);
    vi.stubEnv(SWITCH, "1");
    warmUpLater(work, SETTINGS);
    vi.advanceTimersByTime(5_000);
    expect(work).toHaveBeenCalledOnce();
  });

  it("waits TWINGRAPH_WARM_DELAY_MS, 5 s unless set, and refuses a delay that is not a whole number", () => {
    expect(warmUpDelayFromEnv({})).toBe(5_000);
    expect(warmUpDelayFromEnv({ TWINGRAPH_WARM_DELAY_MS: "0" })).toBe(0);
    expect(warmUpDelayFromEnv({ TWINGRAPH_WARM_DELAY_MS: "250" })).toBe(250);
    expect(() => warmUpDelayFromEnv({ TWINGRAPH_WARM_DELAY_MS: "-1" })).toThrow(/TWINGRAPH_WARM_DELAY_MS/);
    expect(() => warmUpDelayFromEnv({ TWINGRAPH_WARM_DELAY_MS: "soon" })).toThrow(/whole number/);
  });
});
