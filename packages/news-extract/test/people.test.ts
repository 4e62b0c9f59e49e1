// People with roles in every language the news comes in, and the sentence splitting they rest on.
import { describe, expect, it } from "vitest";
import { distinctPeople, findPeople, sentenceSpans } from "../src/people";
import { linkedAt } from "./linked-places";

describe("sentenceSpans", () => {
  it("ends sentences at full stops before capitals and at line breaks, not after initials or day numbers", () => {
    const text = "Dne 26. 10. 2020 je g. J. Novak prišel. Am 3. März kam er\nNeue Zeile! Ende";
    const sentences = sentenceSpans(text).map((span) => text.slice(span.start, span.end));
    expect(sentences).toEqual([
      "Dne 26. 10. 2020 je g. J. Novak prišel.",
      "Am 3. März kam er",
      "Neue Zeile!",
      "Ende",
    ]);
  });
});

describe("findPeople", () => {
  it("reads the town between a role and the name (Serbian genitive)", () => {
    const text =
      "Gradonačelnik Beograda Aleksandar Šapić i gradonačelnik Banjaluke Draško Stanivuković potpisali su povelju.";
    const places = linkedAt(text, [
      ["Beograda", "rs-beograd"],
      ["Banjaluke", "ba-banja-luka"],
    ]);
    const people = findPeople(text, "sr", places);
    expect(people.map((p) => [p.name, p.role, p.cityId])).toEqual([
      ["Aleksandar Šapić", "mayor", "rs-beograd"],
      ["Draško Stanivuković", "mayor", "ba-banja-luka"],
    ]);
    expect(text.slice(people[0].start, people[0].end)).toBe("Aleksandar Šapić");
    expect(people[0].passage).toEqual({ start: 0, end: text.length });
  });

  it("takes a name before its role and the town after it (French)", () => {
    const text =
      "Le 17 mai, Moti Sasson, maire de Holon, et Christian Dupuy, maire de Suresnes, signeront le pacte.";
    const places = linkedAt(text, [
      ["Holon", "il-holon"],
      ["Suresnes", "fr-suresnes"],
    ]);
    expect(findPeople(text, "fr", places).map((p) => [p.name, p.role, p.cityId])).toEqual([
      ["Moti Sasson", "mayor", "il-holon"],
      ["Christian Dupuy", "mayor", "fr-suresnes"],
    ]);
  });

  it("knows deputies, ambassadors and Cyrillic roles, and skips titles", () => {
    const text =
      "Župan Mestne občine Kranj Matjaž Rakovec je s podžupanom Janezom Černetom sprejel delegacijo. Градоначелник Крагујевца Никола Дашић и амбасадор Марко Ђурић. Oberbürgermeisterin Dr. Heike Kaster-Meurer begrüßte sie.";
    const places = linkedAt(text, [
      ["Kranj", "si-kranj"],
      ["Крагујевца", "rs-kragujevac"],
    ]);
    expect(findPeople(text, "sl", places).map((p) => [p.name, p.role, p.cityId])).toEqual([
      ["Matjaž Rakovec", "mayor", "si-kranj"],
      ["Janezom Černetom", "deputy mayor", "si-kranj"],
      ["Никола Дашић", "mayor", "rs-kragujevac"],
      ["Марко Ђурић", "ambassador", "rs-kragujevac"],
      ["Heike Kaster-Meurer", "mayor", null],
    ]);
  });

  it("shares one plural role over a list of names; a second role word before a name is a title", () => {
    const text =
      "The mayors Matjaž Rakovec and Günther Albel met. The Mayor of Warminster, Councillor Phil Keeble, said so.";
    const places = linkedAt(text, [["Warminster", "gb-warminster"]]);
    expect(findPeople(text, "en", places).map((p) => [p.name, p.role, p.cityId])).toEqual([
      ["Matjaž Rakovec", "mayor", null],
      ["Günther Albel", "mayor", null],
      ["Phil Keeble", "mayor", "gb-warminster"],
    ]);
  });

  it("does not take a country or a place for a name", () => {
    const text = "Predsednik Srbije Aleksandar Vučić je rekao. Župan Kranj je rekel.";
    const countries = [{ start: 11, end: 17, text: "Srbije", countryCode: "RS" }];
    const places = linkedAt(text, [["Kranj", "si-kranj"]]);
    expect(findPeople(text, "sr", places, countries).map((p) => p.name)).toEqual(["Aleksandar Vučić"]);
  });

  it("merges inflected mentions of one person", () => {
    const text = "Župan Matjaž Rakovec je rekel. Županu Matjažu Rakovcu so se zahvalili.";
    const people = distinctPeople(findPeople(text, "sl", []));
    expect(people.map((p) => p.name)).toEqual(["Matjaž Rakovec"]);
  });
});
