// Names as people write them (see name-forms.ts): the source cities' forms, each found FIRST through
// the whole federation on the source-derived graph, how matches are scored, and bad arguments.
// Exonyms the sources do not give (Krainburg) come from the GeoNames gazetteer; their rows run where
// the seeded graph carries gazetteer data and skip, saying so, elsewhere. The same forms among the
// world file's places are in world-names.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Federation, inProcessFederation } from "../src/harness";
import {
  expectFirst,
  GAZETTEER_ABSENT,
  hasGazetteer,
  SOURCE_FORMS,
  SOURCE_GAZETTEER_FORMS,
  search,
  WORLD_FORMS,
} from "./name-forms";

describe("names as people write them, on the source-derived graph", () => {
  let federation: Federation;
  let gazetteer: boolean;
  beforeAll(async () => {
    federation = await inProcessFederation();
    gazetteer = await hasGazetteer(federation);
  });
  afterAll(() => federation.close());

  it("holds at least 40 real forms", () => {
    expect(SOURCE_FORMS.length + WORLD_FORMS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(SOURCE_FORMS)("%s -> %s", async (form, cityId) => {
    await expectFirst(federation, form, cityId);
  });

  it.for(SOURCE_GAZETTEER_FORMS)("%s -> %s (gazetteer)", async ([form, cityId], { skip }) => {
    if (!gazetteer) skip(GAZETTEER_ABSENT);
    await expectFirst(federation, form, cityId);
  });

  it("scores the whole name over an alias over an inflected form over a name's start", async () => {
    const [kranj, beljak, kranju, kranjPrefix] = await Promise.all(
      ["Kranj", "Beljak", "Kranju", "Kra"].map(async (name) => (await search(federation, name)).matches[0]),
    );
    expect(kranj).toEqual({ city: { id: "si-kranj" }, score: 1, matchedName: "Kranj" });
    expect(beljak.matchedName).toBe("Beljak");
    expect(kranju.matchedName).toBe("Kranj");
    expect(kranj.score).toBeGreaterThan(beljak.score);
    expect(beljak.score).toBeGreaterThan(kranju.score);
    expect(kranju.score).toBeGreaterThan(kranjPrefix.score);
  });

  it("finds the start of a word inside a name, scored below whole and inflected names", async () => {
    // a word inside "Sremska Mitrovica", or the start of the gazetteer's "Mitrovica" where it is loaded
    const { ids, matches } = await search(federation, "Mitrov");
    expect(ids[0]).toBe("rs-sremska-mitrovica");
    expect(matches[0].score).toBeLessThan(0.7);
  });

  it("keeps to the country it is given", async () => {
    const result = await federation.execute(`{
      inSerbia: findCities(name: "Sirena", country: "RS") { id }
      inFrance: findCities(name: "Sirena", country: "France") { id }
    }`);
    expect(result.data).toEqual({ inSerbia: [], inFrance: [{ id: "fr-suresnes" }] });
  });

  it("rejects an empty name, a page over the limit and an unknown country, naming the argument", async () => {
    const result = await federation.execute(`{ searchCities(name: " ") { score } }`);
    expect(result.errors?.[0].message).toContain('"name"');
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const tooMany = await federation.execute(`{ searchCities(name: "Kranj", first: 101) { score } }`);
    expect(tooMany.errors?.[0].message).toContain('"first"');
    const country = await federation.execute(
      `{ searchCities(name: "Kranj", country: "Atlantis") { score } }`,
    );
    expect(country.errors?.[0].message).toContain('"country"');
    expect(country.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });
});
