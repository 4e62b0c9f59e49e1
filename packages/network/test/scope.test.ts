// Which partnerships a scope keeps: by kind, status, country (any place or all places) and period,
// where dates of different precision compare on what both state.
import { describe, expect, it } from "vitest";
import { countryOfCity, describeScope, inScope, type NetworkScope, scopeKey, WHOLE_NETWORK } from "../src";
import { partnership } from "./partnerships";

const scope = (fields: Partial<NetworkScope>): NetworkScope => ({ ...WHOLE_NETWORK, ...fields });

describe("inScope", () => {
  const twinning = partnership(["si-kranj", "de-bonn"], { since: "1990-05", until: "2010" });
  const friendship = partnership(["si-kranj", "si-bled"], { kind: "FRIENDSHIP", status: "ENDED" });

  it("keeps everything in the whole network", () => {
    expect([twinning, friendship].map((row) => inScope(row, WHOLE_NETWORK))).toEqual([true, true]);
  });

  it("keeps only the kinds and statuses listed", () => {
    expect(inScope(twinning, scope({ kinds: ["FRIENDSHIP"] }))).toBe(false);
    expect(inScope(friendship, scope({ kinds: ["FRIENDSHIP", "TWINNING"] }))).toBe(true);
    expect(inScope(twinning, scope({ statuses: ["ENDED"] }))).toBe(false);
    expect(inScope(friendship, scope({ statuses: ["ENDED"] }))).toBe(true);
  });

  it("keeps partnerships with any place in the country, or with all of them when domestic", () => {
    expect(inScope(twinning, scope({ countryCode: "DE" }))).toBe(true);
    expect(inScope(friendship, scope({ countryCode: "DE" }))).toBe(false);
    expect(inScope(twinning, scope({ countryCode: "SI", domestic: true }))).toBe(false);
    expect(inScope(friendship, scope({ countryCode: "SI", domestic: true }))).toBe(true);
  });

  it("keeps partnerships in force at some time of the period, and none without a known start", () => {
    expect(inScope(twinning, scope({ from: "2000", to: "2005" }))).toBe(true);
    expect(inScope(twinning, scope({ to: "1989-12-31" }))).toBe(false);
    expect(inScope(twinning, scope({ from: "2011" }))).toBe(false);
    expect(inScope(friendship, scope({ from: "1900" }))).toBe(false);
  });

  it('compares dates on the precision both state: "1990" neither precedes nor follows "1990-05"', () => {
    expect(inScope(twinning, scope({ to: "1990" }))).toBe(true);
    expect(inScope(twinning, scope({ from: "2010-12-31" }))).toBe(true);
  });
});

describe("scope names", () => {
  it("describes a scope in words, and the whole network as such", () => {
    expect(describeScope(WHOLE_NETWORK)).toBe("whole network");
    expect(
      describeScope(
        scope({ countryCode: "SI", domestic: true, kinds: ["A", "B"], statuses: ["X"], to: "2000" }),
      ),
    ).toBe("country=SI (domestic), kinds=A|B, statuses=X, to=2000");
  });

  it("gives equal scopes equal keys and different scopes different ones", () => {
    expect(scopeKey(scope({ countryCode: "SI" }))).toBe(scopeKey(scope({ countryCode: "SI" })));
    expect(scopeKey(scope({ countryCode: "SI" }))).not.toBe(scopeKey(scope({ countryCode: "HR" })));
  });

  it("reads a place's country from its id", () => {
    expect(countryOfCity("si-kranj")).toBe("SI");
  });
});
