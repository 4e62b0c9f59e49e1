// The values import rows hold: sums of money as spreadsheets write them, dates, Wikidata times and
// items; and how a broken JSON file is told apart from one cut off.
import { describe, expect, it } from "vitest";
import { parseJson } from "../src/imports/import-file";
import { checkOrder, euros, isoDate, projectDate, wikidataItem, wikidataTime } from "../src/imports/values";
import { RowError } from "../src/places";

describe("euros", () => {
  it.each([
    ["1234567.89", 1234567.89],
    ["1234567,89", 1234567.89],
    ["1 234 567,89", 1234567.89],
    ["1\u00A0234\u00A0567,89", 1234567.89],
    ["1 234 567.89", 1234567.89],
    ["1,234,567.89", 1234567.89],
    ["1.234.567,89", 1234567.89],
    ["€ 1.234.567,89", 1234567.89],
    ["1.234.567,89 €", 1234567.89],
    ["EUR 1,234,567", 1234567],
    ["1,234,567", 1234567],
    ["1.234.567", 1234567],
    ["1 234", 1234],
    ["950000", 950000],
    ["0,5", 0.5],
    ["12.5", 12.5],
  ])("reads %s", (text, amount) => {
    expect(euros(text, "budget")).toEqual({ amount, currency: "EUR" });
  });

  it("reads an empty value as no sum", () => {
    expect(euros("", "budget")).toBeNull();
    expect(euros("  ", "budget")).toBeNull();
  });

  it.each([
    ["1,234", /ambiguous/],
    ["1.234", /ambiguous/],
    ["€ 950.000", /ambiguous/],
    ["1.234,567", /not a sum in euros/],
    ["1 234.567", /not a sum in euros/],
    ["12 34", /not a sum in euros/],
    ["1,234,56", /not a sum in euros/],
    ["1.234.567.89", /not a sum in euros/],
    ["1.2345", /not a sum in euros/],
    ["-100", /not a sum in euros/],
    ["$ 100", /not a sum in euros/],
    ["100 USD", /not a sum in euros/],
    ["1'234'567", /not a sum in euros/],
    ["about 2 million", /not a sum in euros/],
    ["€", /no amount/],
  ])("rejects %s", (text, reason) => {
    expect(() => euros(text, "budget")).toThrow(RowError);
    expect(() => euros(text, "budget")).toThrow(reason);
  });
});

describe("dates", () => {
  it("keeps ISO years and dates and rejects anything else", () => {
    expect(isoDate("1957", "since")).toBe("1957");
    expect(isoDate("1957-05-22", "since")).toBe("1957-05-22");
    expect(isoDate("", "since")).toBeNull();
    expect(() => isoDate("57", "since")).toThrow('since "57" is not an ISO year or date');
    expect(() => isoDate("1957-02-30", "since")).toThrow(RowError);
    expect(() => isoDate("22/05/1957", "since")).toThrow(RowError);
  });

  it("reads project dates in ISO or dotted day-first form, not slashed ones", () => {
    expect(projectDate("1.9.2016", "start")).toBe("2016-09-01");
    expect(projectDate("2016-09-01", "start")).toBe("2016-09-01");
    expect(() => projectDate("09/01/2016", "start")).toThrow(RowError);
    expect(() => projectDate("31.02.2016", "start")).toThrow(RowError);
  });

  it("rejects an end before the start, not one of coarser precision", () => {
    expect(() => checkOrder("2016-09-01", "2016-08-31", "the project")).toThrow("ends (2016-08-31) before");
    expect(() => checkOrder("2016-09-01", "2016", "the project")).not.toThrow();
    expect(() => checkOrder(null, "2016", "the project")).not.toThrow();
  });
});

describe("Wikidata values", () => {
  it("keeps the year of a time on 1 January, the date otherwise", () => {
    expect(wikidataTime("1957-01-01T00:00:00Z", "start")).toBe("1957");
    expect(wikidataTime("2008-05-22T00:00:00Z", "start")).toBe("2008-05-22");
    expect(wikidataTime("2008-05-01T00:00:00Z", "start")).toBe("2008-05-01");
    expect(wikidataTime("", "start")).toBeNull();
    expect(wikidataTime("http://www.wikidata.org/.well-known/genid/0123abc", "start")).toBeNull();
    expect(() => wikidataTime("sometime in the fifties", "start")).toThrow(RowError);
  });

  it("reads items from entity URIs and bare ids", () => {
    expect(wikidataItem("http://www.wikidata.org/entity/Q1234", "city")).toBe("Q1234");
    expect(wikidataItem("Q437", "city")).toBe("Q437");
    expect(() => wikidataItem("http://www.wikidata.org/entity/P190", "city")).toThrow(RowError);
    expect(() => wikidataItem("", "city")).toThrow("city is empty");
  });
});

describe("JSON files", () => {
  it("tells a file that ends too early from one broken inside", () => {
    expect(() => parseJson('{"a": 1', "cut.json")).toThrow(
      "cut.json is not valid JSON (it ends too early: cut off?)",
    );
    expect(() => parseJson('{"a": "Sara', "cut.json")).toThrow("(it ends too early: cut off?)");
    expect(() => parseJson('[{"a": 1},\n  ', "cut.json")).toThrow("(it ends too early: cut off?)");
    expect(() => parseJson('{"a" 1}', "broken.json")).toThrow(/^broken\.json is not valid JSON: /);
  });
});
