// Country names in the eight languages and both scripts, in their case forms, to ISO alpha-2.
import { describe, expect, it } from "vitest";
import { findCountries } from "../src/countries";

function codes(text: string): string[] {
  return findCountries(text).map((mention) => mention.countryCode);
}

describe("findCountries", () => {
  it.each([
    ["Delegacija je bila u Srbiji.", "RS"],
    ["Župan je bil v Avstriji.", "AT"],
    ["predsjednik Bosne i Hercegovine", "BA"],
    ["градоначелник из Србије", "RS"],
    ["iz Austrije i Francuske", "AT,FR"],
    ["iz Francije", "FR"],
    ["делегација из Француске", "FR"],
    ["une ville en France", "FR"],
    ["eine Stadt in Österreich", "AT"],
    ["obisk iz Slovenije", "SI"],
    ["gradonačelnik iz Crne Gore", "ME"],
    ["Северна Македонија и Србија", "MK,RS"],
    ["Bitola, Sjeverna Makedonija", "MK"],
    ["die Städte Deutschlands", "DE"],
    ["in the United Kingdom and Germany", "GB,DE"],
    ["u BiH i SAD", "BA,US"],
  ])("%s", (text, expected) => {
    expect(codes(text).join(",")).toBe(expected);
  });

  it("gives the span of the whole name as written", () => {
    const text = "Sporazum između Srbije i Bosne i Hercegovine.";
    expect(findCountries(text).map((mention) => mention.text)).toEqual(["Srbije", "Bosne i Hercegovine"]);
    for (const mention of findCountries(text))
      expect(text.slice(mention.start, mention.end)).toBe(mention.text);
  });

  it("does not take Republika Srpska, lower-case words or adjectives for countries", () => {
    expect(codes("gradonačelnik Banjaluke u Republike Srpske")).toEqual([]);
    expect(codes("sad je vreme, srbija")).toEqual([]);
    expect(codes("Mali Lošinj i Mali Zvornik")).toEqual([]);
    expect(codes("srpski i slovenski gradovi")).toEqual([]);
  });
});
