// The place-candidates lookup ingestNews plans with: cities by the key or stem of any of their names,
// and by the bare name of a name the graph qualifies to tell namesakes apart, through the indexes.
import { nameKey, nameStem } from "@twingraph/kit/text";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { City, cityName, openCitiesDatabase, placeCandidates } from "../src";

let db: DataSource;

const CITIES: [id: string, name: string][] = [
  ["ba-istocno-novo-sarajevo-istocno-sarajevo", "Istočno Novo Sarajevo (Istočno Sarajevo)"],
  ["ba-stari-grad-sarajevo", "Stari Grad (Sarajevo)"],
  ["xx-stari-grad-kula", "Stari Grad Kula"],
  ["hr-stari-grad", "Stari Grad"],
];

beforeAll(async () => {
  db = await openCitiesDatabase({ url: ":memory:" });
  await db.getRepository(City).insert(
    CITIES.map(([id, name]) => ({
      id,
      name,
      localName: null,
      countryCode: id.slice(0, 2).toUpperCase(),
      latitude: null,
      longitude: null,
      population: null,
      sources: [],
    })),
  );
  await db.getRepository(City).manager.save(CITIES.map(([id, name]) => cityName(id, "name", name)));
});

afterAll(() => db.destroy());

async function found(keys: string[]): Promise<string[]> {
  return (await placeCandidates(db.manager, keys)).map(({ key, cityId }) => `${key} ${cityId}`).sort();
}

describe("place candidates", () => {
  it("find a qualified name by its bare name, in the nominative and inflected", async () => {
    expect(await found([nameKey("Istočno Novo Sarajevo"), nameStem("Istočnom Novom Sarajevu")])).toEqual(
      [
        `${nameKey("Istočno Novo Sarajevo")} ba-istocno-novo-sarajevo-istocno-sarajevo`,
        `${nameStem("Istočnom Novom Sarajevu")} ba-istocno-novo-sarajevo-istocno-sarajevo`,
      ].sort(),
    );
  });

  it("give every namesake the bare name has, but no longer name that merely begins with it", async () => {
    expect(await found([nameKey("Stari Grad")])).toEqual([
      "stari grad ba-stari-grad-sarajevo",
      "stari grad hr-stari-grad",
    ]);
    expect(await found([nameKey("Istočno")])).toEqual([]);
  });

  it("read the qualified names through the name indexes (SQLite's plan)", async () => {
    const plan = (await db.query(
      `EXPLAIN QUERY PLAN SELECT cityId, name FROM city_name
       WHERE ((key >= ? AND key < ?) OR (stem >= ? AND stem < ?)) AND name LIKE '%)'`,
      ["stari grad ", "stari grad!", "star grad ", "star grad!"],
    )) as { detail: string }[];
    const details = plan.map((row) => row.detail).join("\n");
    expect(details).toMatch(/USING INDEX \S+ \(key>\? AND key<\?\)/);
    expect(details).toMatch(/USING INDEX \S+ \(stem>\? AND stem<\?\)/);
    expect(details).not.toMatch(/SCAN city_name(?! USING)/);
  });
});
