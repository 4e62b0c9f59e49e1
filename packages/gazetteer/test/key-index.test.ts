// The all-country index: a name's key or stem finds its places in any country, and graph cities
// come before the GeoNames places they already stand for.
import { nameKey, nameStem } from "@twingraph/kit/text";
import { describe, expect, it } from "vitest";
import { gazetteerCandidates } from "../src/candidates";
import { Gazetteer, loadGazetteer } from "../src/gazetteer";
import { indexKey, NameKeyIndex, quickNameKey, withoutArticle } from "../src/key-index";

const gazetteer = loadGazetteer();

function places(form: string, by: (name: string) => string = nameStem): string[] {
  return gazetteer.byKey(by(form)).map((place) => `${place.name} ${place.countryCode}`);
}

/** A gazetteer of a few places, as cities500.txt's lines (tab-separated, 19 columns). */
function smallGazetteer(): Gazetteer {
  const line = (id: number, name: string, alternates: string, country: string) =>
    [id, name, name, alternates, 46, 14, "P", "PPL", country, "", "", "", "", "", 1000, "", "", "", ""].join(
      "\t",
    );
  return new Gazetteer(
    new Map([
      ["SI", [line(1, "Kranj", "Krainburg", "SI"), line(2, "Ljubljana", "Laibach", "SI")]],
      ["AT", [line(3, "Villach", "Beljak", "AT")]],
    ]),
  );
}

const ids = (places: readonly { geonameId: number }[]) => places.map((place) => place.geonameId);

describe("Gazetteer.byKey", () => {
  it("is indexed in steps with the event loop running between them, to the same answers", async () => {
    const stepped = smallGazetteer();
    let ranMeanwhile = false;
    const indexing = stepped.indexInSteps(1);
    setImmediate(() => {
      ranMeanwhile = true;
    });
    await indexing;
    expect(ranMeanwhile).toBe(true);
    for (const key of ["kranj", "laibach", "beljak"])
      expect(ids(stepped.byKey(key))).toEqual(ids(smallGazetteer().byKey(key)));
  });

  it("finishes indexing at once when asked midway", async () => {
    const midway = smallGazetteer();
    const indexing = midway.indexInSteps(1);
    expect(ids(midway.byKey("beljak"))).toEqual([3]);
    await indexing;
    expect(ids(midway.byKey("krainburg"))).toEqual([1]);
  });

  it("finds a place by the stem of an inflected or Cyrillic form, without its country", () => {
    expect(places("Banjaluke")).toContain("Banja Luka BA");
    expect(places("Бањалуке")).toContain("Banja Luka BA");
    expect(places("Novog Sada")).toContain("Novi Sad RS");
    expect(places("Kragujevcu")).toContain("Kragujevac RS");
    expect(places("Slovenske Konjice")).toContain("Slovenske Konjice SI");
    expect(places("Biogradom na Moru")).toContain("Biograd na Moru HR");
    expect(places("Beljaka")).toEqual(["Villach AT"]);
  });

  it("finds a place by the key of any of its names, in any country", () => {
    expect(places("Осиек", nameKey)).toContain("Osijek HR");
    expect(places("Битола", nameKey)).toEqual(["Bitola MK"]);
    expect(places("Beograd", nameKey)).toEqual(["Belgrade RS"]);
    expect(places("Springfield", nameKey).filter((place) => place.endsWith(" US")).length).toBeGreaterThan(3);
  });

  it("finds a compound French name without its article, not a one-word one", () => {
    expect(places("Ferté-Imbault", nameKey)).toContain("La Ferté-Imbault FR");
    expect(places("Roche-sur-Yon", nameKey)).toContain("La Roche-sur-Yon FR");
    expect([withoutArticle("la ferte imbault"), withoutArticle("le havre")]).toEqual(["ferte imbault", ""]);
  });

  it("skips airport codes and names in other scripts", () => {
    expect(places("BEG", nameKey)).not.toContain("Belgrade RS");
    expect(gazetteer.byKey("Београд")).toEqual([]);
    expect(indexKey("BNX")).toBe("");
    expect(indexKey("ベオグラード")).toBe("");
  });

  it("computes the nameKey of ASCII names its own quick way, with the same result", () => {
    for (const name of [
      "Saint-Étienne",
      "Frankfurt am Main",
      "'s-Hertogenbosch",
      "Villach",
      "Ste. Marie  (QC)",
    ]) {
      expect(indexKey(name)).toBe(nameKey(name));
      expect(quickNameKey(name)).toBe(nameKey(name));
    }
    expect(quickNameKey("Крагујевац")).toBe(nameKey("Крагујевац"));
  });

  it("stems on demand: a stem finds only keys that stem to it", () => {
    const index = new NameKeyIndex([
      { geonameId: 1, name: "Kranj", asciiName: "Kranj", alternateNames: [] },
      { geonameId: 2, name: "Kranjska Gora", asciiName: "Kranjska Gora", alternateNames: [] },
      { geonameId: 3, name: "Kragujevac", asciiName: "Kragujevac", alternateNames: ["Крагујевац"] },
    ]);
    expect(index.lookup(nameStem("Kranju")).map((place) => place.geonameId)).toEqual([1]);
    expect(index.lookup(nameStem("Kranjske Gore")).map((place) => place.geonameId)).toEqual([2]);
    expect(index.lookup(nameStem("Крагујевцу")).map((place) => place.geonameId)).toEqual([3]);
    expect(index.lookup("kra")).toEqual([]);
  });
});

describe("gazetteerCandidates", () => {
  it("puts the graph's cities first and leaves out the GeoNames places they stand for", () => {
    const kranj = {
      cityId: "si-kranj",
      geonameId: null,
      name: "Kranj",
      countryCode: "SI",
      latitude: 46.2389,
      longitude: 14.3556,
      population: 37941,
    };
    const key = nameStem("Kranju");
    const answer = gazetteerCandidates(gazetteer, [key, "qqqzzz"], new Map([[key, [kranj]]]));
    const candidates = answer.get(key) ?? [];
    expect(candidates[0]).toBe(kranj);
    expect(candidates.some((candidate) => candidate.cityId === null && candidate.countryCode === "SI")).toBe(
      false,
    );
    expect(answer.has("qqqzzz")).toBe(false);
  });

  it("answers GeoNames places with no city id", () => {
    const [bitola] = gazetteerCandidates(gazetteer, ["bitola"]).get("bitola") ?? [];
    expect(bitola).toMatchObject({ cityId: null, geonameId: 792578, name: "Bitola", countryCode: "MK" });
  });
});
