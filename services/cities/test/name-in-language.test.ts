import { describe, expect, it } from "vitest";
import { cityName } from "../src/entities/city-name.entity";
import { checkLanguageTag, type NamedPlace, nameInLanguage } from "../src/resolvers/name-in-language";
import { serbianToCyrillic, serbianToLatin } from "../src/resolvers/serbian-script";

const kragujevac: NamedPlace = { name: "Kragujevac", localName: "Крагујевац", countryCode: "RS" };
const suresnes: NamedPlace = { name: "Suresnes", localName: null, countryCode: "FR" };
const villach: NamedPlace = { name: "Villach", localName: null, countryCode: "AT" };

const named = (place: NamedPlace, aliases: ReturnType<typeof cityName>[], tag: string) =>
  nameInLanguage(place, aliases, checkLanguageTag(tag, "language"));

describe("a place's name for a page's language", () => {
  it("gives a Serbian page its own script, Cyrillic unless the tag says Latin", () => {
    const siren = [cityName("fr-suresnes", "alias", "Siren", "sr-Latn")];
    expect(named(suresnes, siren, "sr")).toBe("Сирен");
    expect(named(suresnes, siren, "sr-Cyrl")).toBe("Сирен");
    expect(named(suresnes, siren, "sr-Latn")).toBe("Siren");
    expect(named(suresnes, siren, "sr-ME")).toBe("Siren");
    expect(named(kragujevac, [], "sr")).toBe("Крагујевац");
    expect(named(kragujevac, [], "sr-Latn")).toBe("Kragujevac");
  });

  it("keeps the common name where no alias in the language exists, Serbian or not", () => {
    expect(named(villach, [], "sr")).toBe("Villach");
    expect(named(villach, [cityName("at-villach", "alias", "Beljak", "sl")], "fr")).toBe("Villach");
    expect(named(villach, [cityName("at-villach", "gazetteer", "Филлах", "ru")], "ru-Latn")).toBe("Villach");
  });
});

describe("Serbian script conversion", () => {
  it("turns digraphs into their single letters and back, keeping capitals", () => {
    expect(serbianToCyrillic("Ljubljana")).toBe("Љубљана");
    expect(serbianToCyrillic("Njegoševa Džamija")).toBe("Његошева Џамија");
    expect(serbianToCyrillic("Sremska Mitrovica")).toBe("Сремска Митровица");
    expect(serbianToLatin("Љубљана")).toBe("Ljubljana");
    expect(serbianToLatin("Ћуприја")).toBe("Ćuprija");
    expect(serbianToLatin("Крагујевац")).toBe("Kragujevac");
  });
});
