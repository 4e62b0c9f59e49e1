// Place mentions and their linking, through the real GeoNames gazetteer (gazetteerCandidates) and
// a small in-memory graph that comes first: inflected and Cyrillic forms, namesakes settled by a
// country named nearby, by distance, or reported ambiguous.
import { gazetteerCandidates, loadGazetteer } from "@twingraph/gazetteer";
import { nameKey, nameStem } from "@twingraph/kit/text";
import { describe, expect, it } from "vitest";
import { findCountries } from "../src/countries";
import { findPlaceMentions, linkPlaces } from "../src/places";
import type { LinkedPlace, NewsLanguage, PlaceCandidate, PlaceResolver } from "../src/types";

const gazetteer = loadGazetteer();

/** Graph cities, placed where GeoNames puts them (Istočno Sarajevo is GeoNames' "Srpsko Sarajevo", 3196069). */
const GRAPH: PlaceCandidate[] = [
  {
    cityId: "rs-kragujevac",
    geonameId: 789128,
    name: "Kragujevac",
    countryCode: "RS",
    latitude: 44.01667,
    longitude: 20.91667,
    population: 147473,
  },
  {
    cityId: "ba-istocno-sarajevo",
    geonameId: null,
    name: "Istočno Sarajevo",
    countryCode: "BA",
    latitude: 43.82693,
    longitude: 18.38318,
    population: null,
  },
  // world-file places: the graph now holds thousands, whose names collide with words and first names
  {
    cityId: "no-time",
    geonameId: null,
    name: "Time",
    countryCode: "NO",
    latitude: 58.7247,
    longitude: 5.6583,
    population: null,
  },
  {
    cityId: "us-magdalena",
    geonameId: null,
    name: "Magdalena",
    countryCode: "US",
    latitude: 34.1167,
    longitude: -107.2431,
    population: null,
  },
];

function graphIndex(): Map<string, PlaceCandidate[]> {
  const index = new Map<string, PlaceCandidate[]>();
  for (const city of GRAPH) {
    for (const key of new Set([nameKey(city.name), nameStem(city.name)]))
      index.set(key, [...(index.get(key) ?? []), city]);
  }
  return index;
}

let calls = 0;
const resolver: PlaceResolver = {
  async candidates(keys) {
    calls++;
    return gazetteerCandidates(gazetteer, keys, graphIndex());
  },
};

async function link(text: string, language: NewsLanguage): Promise<LinkedPlace[]> {
  return linkPlaces(text, findPlaceMentions(text, language), findCountries(text), resolver);
}

async function linkedNames(text: string, language: NewsLanguage): Promise<string[]> {
  return (await link(text, language)).flatMap((place) =>
    place.kind === "linked" ? [`${place.place.name} ${place.place.countryCode}`] : [],
  );
}

describe("findPlaceMentions", () => {
  it("takes runs of capitalised words with joiners inside, hyphenated names, and every shorter run", () => {
    const text =
      "Delegacija iz Biogradom na Moru, Novo Mesto in Herceg Novi; Saint-Étienne and Frankfurt am Main met Istočnog Sarajeva.";
    const spans = findPlaceMentions(text, "und").map((mention) => mention.text);
    for (const name of [
      "Biogradom na Moru",
      "Biogradom",
      "Novo Mesto",
      "Herceg Novi",
      "Herceg",
      "Saint-Étienne",
      "Frankfurt am Main",
      "Istočnog Sarajeva",
    ]) {
      expect(spans).toContain(name);
    }
    // a name does not start after a toponym adjective, nor with a joiner, nor end with one
    expect(spans).not.toContain("Sarajeva");
    expect(spans).not.toContain("Mesto");
    expect(spans).not.toContain("na Moru");
    for (const mention of findPlaceMentions(text, "und"))
      expect(text.slice(mention.start, mention.end)).toBe(mention.text);
  });

  it("looks a mention up by its key and stem, with extra stems for endings the kit lacks", () => {
    const [mention] = findPlaceMentions("pobratenje s Slovenskimi Konjicami", "sl");
    expect(mention.text).toBe("Slovenskimi Konjicami");
    expect(mention.keys).toContain("slovenskimi konjicami");
    expect(mention.keys).toContain(nameStem("Slovenske Konjice"));
  });

  it("leaves out sentence-initial function words, roles, bodies and headline capitals", () => {
    const spans = findPlaceMentions(
      "V Kranju je župan sprejel Mestni svet. ПОТПИСИВАЊЕ СПОРАЗУМА О САРАДЊИ",
      "sl",
    ).map((mention) => mention.text);
    expect(spans).toEqual(["Kranju"]);
  });
});

describe("linkPlaces", () => {
  it.each<[string, NewsLanguage, string]>([
    ["Delegacija Beograda je bila u poseti.", "sr", "Belgrade RS"],
    ["gradonačelnik Banjaluke je potpisao", "sr", "Banja Luka BA"],
    ["градоначелник Бањалуке је потписао", "sr", "Banja Luka BA"],
    ["sporazum sa gradom iz Novog Sada", "sr", "Novi Sad RS"],
    ["градоначелник Источног Сарајева", "sr", "Istočno Sarajevo BA"],
    ["sodelovanje s Slovenskimi Konjicami", "sl", "Slovenske Konjice SI"],
    ["povelja s Biogradom na Moru", "hr", "Biograd na Moru HR"],
    ["Градоначалникот на Битола", "mk", "Bitola MK"],
    ["делегација од Осиек", "mk", "Osijek HR"],
    ["delegacija je boravila u Kragujevcu", "sr", "Kragujevac RS"],
    ["obisk v Kranju", "sl", "Kranj SI"],
    ["obisk iz Beljaka", "sl", "Villach AT"],
    ["delegacija iz Villacha", "sl", "Villach AT"],
    ["la ville de Suresnes a signé", "fr", "Suresnes FR"],
  ])("%s", async (text, language, expected) => {
    expect(await linkedNames(text, language)).toEqual([expected]);
  });

  it("asks the resolver once for all keys", async () => {
    calls = 0;
    await link("Kranj, Villach in Kragujevac so pobrateni.", "sl");
    expect(calls).toBe(1);
  });

  it("puts a graph city before its GeoNames namesake and lowers confidence for GeoNames-only places", async () => {
    const places = await link("Kragujevac i Kranj", "sr");
    expect(places.map((place) => place.kind === "linked" && [place.place.cityId, place.confidence])).toEqual([
      ["rs-kragujevac", 0.9],
      [null, 0.8],
    ]);
  });

  it("keeps the longest mention that names a place", async () => {
    expect(await linkedNames("Partnerstvo med mestoma Novo Mesto in Herceg Novi.", "sl")).toEqual([
      "Novo Mesto SI",
      "Herceg Novi ME",
    ]);
  });

  it("settles namesakes by a country named nearby", async () => {
    const [bar] = await link("Delegacija iz grada Bar u Crnoj Gori.", "sr");
    expect(bar).toMatchObject({ kind: "linked", how: "country", place: { countryCode: "ME" } });
    const [ukraine] = await link("Delegacija iz grada Bar u Ukrajini.", "sr");
    expect(ukraine).toMatchObject({ kind: "linked", how: "country", place: { countryCode: "UA" } });
  });

  it("settles namesakes by the distance to the places linked unambiguously", async () => {
    const places = await link("Sporazum između Podgorice, Budve i grada Bar.", "sr");
    expect(places.at(-1)).toMatchObject({
      kind: "linked",
      how: "distance",
      place: { name: "Bar", countryCode: "ME" },
    });
  });

  it("reports namesakes it cannot settle as ambiguous, with their candidates", async () => {
    const [bar] = await link("Delegacija iz grada Bar je stigla.", "sr");
    expect(bar.kind).toBe("ambiguous");
    if (bar.kind !== "ambiguous") return;
    expect(bar.candidates.map((place) => `${place.name} ${place.countryCode}`)).toEqual(
      expect.arrayContaining(["Bar ME", "Bar UA"]),
    );
  });

  it("does not take first names after a role word or beside a surname for places", async () => {
    expect(await linkedNames("Mayor Mallory met David Bowie in Cincinnati.", "en")).toEqual([
      "Cincinnati US",
    ]);
  });

  it("holds the graph's cities to the same evidence: no stem collisions, no first names", async () => {
    // "Тим" (a team) is only the stem of Time; Magdalena beside a surname is a first name
    expect(await linkedNames("Тим Крагујевца је победио.", "sr")).toEqual(["Kragujevac RS"]);
    expect(await linkedNames("Magdalena Novak visited Kragujevac.", "en")).toEqual(["Kragujevac RS"]);
  });

  it("takes a German noun after an article for a common noun, and a capitalised place word before a list", async () => {
    expect(await linkedNames("Delegation aus Neuruppin zu Gast in Bad Kreuznach", "de")).toEqual([
      "Neuruppin DE",
      "Bad Kreuznach DE",
    ]);
    expect(
      await linkedNames(
        "Vertrag zwischen der Stadt Krk, sowie den Gemeinden Punat, Malinska und Vrbnik",
        "de",
      ),
    ).toEqual(["Krk HR", "Punat HR", "Malinska HR", "Vrbnik HR"]);
  });

  it("reads documented exonyms and Italian names with joiners", async () => {
    expect(await linkedNames("župan občine Doberdob v Italiji in župan Kranja", "sl")).toEqual([
      "Doberdò del Lago IT",
      "Kranj SI",
    ]);
    expect(await linkedNames("The mayors of Niš and East Sarajevo signed", "en")).toEqual([
      "Niš RS",
      "Istočno Sarajevo BA",
    ]);
    expect(await linkedNames("delegacija iz Roseto degli Abruzzi", "hr")).toEqual([
      "Roseto degli Abruzzi IT",
    ]);
  });

  it("prefers a namesake near the text's other places to one called by its own name far away", async () => {
    const names = await linkedNames("Herzogenaurach, la ville jumelée avec Sainte-Luce depuis 30 ans", "fr");
    expect(names).toEqual(["Herzogenaurach DE", "Sainte-Luce-sur-Loire FR"]);
    expect(await linkedNames("Sainte-Luce a fêté son anniversaire", "fr")).toEqual(["Sainte-Luce MQ"]);
  });

  it("does not link country names as places", async () => {
    expect(await linkedNames("obisk iz Avstrije in Luxembourga", "sl")).toEqual([]);
  });
});
