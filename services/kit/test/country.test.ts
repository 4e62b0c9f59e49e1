import { describe, expect, it } from "vitest";
import { countryOf } from "../src/subgraph";
import { countryCodeFromName, isIsoDate } from "../src/text";

describe("country names to ISO codes", () => {
  it.each([
    ["Slovenia", "SI"],
    ["Georgia (country)", "GE"],
    ["England, United Kingdom", "GB"],
    ["Scotland", "GB"],
    ["Republic of Ireland", "IE"],
    ["Moldova", "MD"],
    ["Réunion, France", "RE"],
    ["Bosnia and Herzegovina", "BA"],
  ])("%s is %s", (name, code) => {
    expect(countryCodeFromName(name)).toBe(code);
  });

  it("knows no code for names no table lists", () => {
    expect(countryCodeFromName("Atlantis")).toBeUndefined();
    expect(countryCodeFromName("")).toBeUndefined();
  });

  // the parenthesis pattern took 14 s on 100,000 spaces and 3 s on 50,000 "(" before it was made linear
  it("reads long names without backtracking: a run of spaces, of parentheses", { timeout: 2_000 }, () => {
    expect(countryCodeFromName(`${" ".repeat(100_000)}x`)).toBeUndefined();
    expect(countryCodeFromName("(".repeat(50_000))).toBeUndefined();
  });

  it("names countries by their common short name", () => {
    expect(countryOf("ru")).toEqual({ code: "RU", name: "Russia" });
    expect(countryOf("GB").name).toBe("United Kingdom");
  });
});

describe("ISO dates at the source's precision", () => {
  it.each(["2008", "2008-05", "2016-02-25", "2020-02-29"])("accepts %s", (value) => {
    expect(isIsoDate(value)).toBe(true);
  });
  it.each(["2016-02-30", "2019-13", "25.2.2016", "08", "2016-2-5", ""])("rejects %s", (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});
