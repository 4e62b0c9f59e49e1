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
    cityId: "pl-niemcza",
    geonameId: 3091162,
    name: "Niemcza",
    countryCode: "PL",
    latitude: 50.71667,
    longitude: 16.83333,
    population: 3110,
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

/** Other names the graph keeps for them (GeoNames alternate names, as the cities ingest stores them). */
const GRAPH_NAMES: Record<string, string[]> = { "pl-niemcza": ["Њемча"] };

function graphIndex(): Map<string, PlaceCandidate[]> {
  const index = new Map<string, PlaceCandidate[]>();
  for (const city of GRAPH) {
    const names = [city.name, ...(GRAPH_NAMES[city.cityId ?? ""] ?? [])];
    for (const key of new Set(names.flatMap((name) => [nameKey(name), nameStem(name)])))
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

  it("reads a German or Austrian Land as a region, not as the town one of its names also fits", async () => {
    expect(await linkedNames("Die Freunde aus Brandenburg besuchten Bad Kreuznach.", "de")).toEqual([
      "Bad Kreuznach DE",
    ]);
    expect(await linkedNames("Eine Delegation aus Brandenburg an der Havel", "de")).toEqual([
      "Brandenburg an der Havel DE",
    ]);
  });

  it("finds far places by a stem only in declining languages, a place word notwithstanding", async () => {
    // German texts borrow the case forms of former Yugoslavia's towns, not of Poland's: the stem of
    // "Njemac" is also that of the graph's Niemcza (Serbian Њемча)
    const names = await linkedNames("den Gemeinden Lovas, Njemac und Tovarnik", "de");
    expect(names).toEqual(["Lovas HR", "Tovarnik HR"]);
  });

  it("prefers a namesake called by its own name only when no other lies far nearer the text's places", async () => {
    // "Devin" is the Slovene name of Duino by Trieste, and the own name of a town in Bulgaria
    expect(await linkedNames("Delegacija iz Trsta je obiskala Devin.", "sl")).toEqual([
      "Trieste IT",
      "Duino IT",
    ]);
    expect(await linkedNames("Delegacija iz Sofije je obiskala Devin.", "sl")).toEqual([
      "Sofia BG",
      "Devin BG",
    ]);
  });

  it("lets a namesake the text makes plausible once stand for every form of the name", async () => {
    // "opština Priboj" admits Serbia's Priboj (GeoNames gives it 3 people), so "Pribojem" may mean it too
    const names = await linkedNames(
      "Predsednici opština Priboj i Čajetina potpisali su sporazum. Čajetina se graniči sa Pribojem.",
      "sr",
    );
    expect(names).toEqual(["Priboj RS", "Čajetina RS", "Čajetina RS", "Priboj RS"]);
  });

  it("does not take a first name and surname in any case form for a place", async () => {
    // Fabrizio is a comune in Calabria; "Fabrizia Vizintina" is a person in the accusative
    expect(await linkedNames("V Trstu v Italiji je župan Fabrizio Vizintin podpisal listino.", "sl")).toEqual(
      ["Trieste IT"],
    );
    expect(await linkedNames("V Trstu v Italiji so sprejeli Fabrizia Vizintina.", "sl")).toEqual([
      "Trieste IT",
    ]);
    // a place's genitive before a two-word name is still a place
    expect(await linkedNames("Župan Kranja Matjaž Rakovec je obiskal Trst.", "sl")).toEqual([
      "Kranj SI",
      "Trieste IT",
    ]);
  });
});

describe("linkPlaces with the graph's partnerships", () => {
  const VRANJE: PlaceCandidate = {
    cityId: "rs-vranje",
    geonameId: 3187297,
    name: "Vranje",
    countryCode: "RS",
    latitude: 42.55139,
    longitude: 21.90028,
    population: 55052,
  };
  const VRANJ: PlaceCandidate = {
    cityId: "me-vranj",
    geonameId: null,
    name: "Vranj",
    countryCode: "ME",
    latitude: 42.3,
    longitude: 19.1,
    population: null,
  };
  const SARAJEVO = GRAPH[1];
  let asked: (readonly [string, string][])[] = [];
  const withPartners: PlaceResolver = {
    async candidates(keys) {
      const graph = new Map<string, PlaceCandidate[]>([
        // the stem of "Vranju" is the name Vranj
        [nameStem("Vranju"), [VRANJE, VRANJ]],
        [nameKey("Vranje"), [VRANJE]],
        [nameStem("Istočnem Sarajevu"), [SARAJEVO]],
        [nameKey("Istočno Sarajevo"), [SARAJEVO]],
      ]);
      return new Map(keys.flatMap((key) => (graph.has(key) ? [[key, graph.get(key) ?? []]] : [])));
    },
    async partnerships(pairs) {
      asked.push(pairs);
      return new Map(
        pairs.flatMap(([a, b]) => {
          const key = [a, b].sort().join("|");
          return key === "ba-istocno-sarajevo|rs-vranje" ? [[key, "p-istocno-sarajevo-vranje"] as const] : [];
        }),
      );
    },
  };

  it("prefers the namesake already partnered with another place the text names, asking once", async () => {
    asked = [];
    const text = "Župan Istočnega Sarajeva je obiskal pobrateno mesto v Vranju.";
    const places = await linkPlaces(text, findPlaceMentions(text, "sl"), findCountries(text), withPartners);
    expect(places.map((place) => place.kind === "linked" && [place.place.cityId, place.how])).toEqual([
      ["ba-istocno-sarajevo", "single"],
      ["rs-vranje", "partnership"],
    ]);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toEqual(
      expect.arrayContaining([expect.arrayContaining(["rs-vranje", "ba-istocno-sarajevo"])]),
    );
  });

  it("without a partnership, prefers the namesake written as the text writes it when about as near", async () => {
    const text = "Župan Istočnega Sarajeva je obiskal Vranje.";
    const resolver: PlaceResolver = { ...withPartners, partnerships: async () => new Map() };
    const places = await linkPlaces(text, findPlaceMentions(text, "sl"), findCountries(text), resolver);
    // Vranj (Montenegro) is nearer East Sarajevo, but "Vranje" is only Vranje's name, not a form of Vranj's
    expect(places.map((place) => place.kind === "linked" && [place.place.cityId, place.how])).toEqual([
      ["ba-istocno-sarajevo", "single"],
      ["rs-vranje", "distance"],
    ]);
  });
});
