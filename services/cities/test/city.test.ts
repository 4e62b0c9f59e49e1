import { type Executor, localExecutor } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCitiesSubgraph, City, cityName, openCitiesDatabase } from "../src";

let db: DataSource;
let run: Executor;

beforeAll(async () => {
  db = await openCitiesDatabase({ url: ":memory:" });
  const { schema } = await buildCitiesSubgraph();
  run = localExecutor(schema, db);
  const villach = Object.assign(new City(), {
    id: "at-villach",
    name: "Villach",
    localName: null,
    countryCode: "AT",
    latitude: null,
    longitude: null,
    population: null,
    sources: [],
  });
  const kranj = Object.assign(new City(), {
    id: "si-kranj",
    name: "Kranj",
    localName: null,
    countryCode: "SI",
    latitude: null,
    longitude: null,
    population: null,
    sources: [],
  });
  const gorica = Object.assign(new City(), {
    ...kranj,
    id: "it-gorizia",
    name: "Gorizia",
    countryCode: "IT",
  });
  await db.getRepository(City).save([villach, kranj, gorica]);
  await db.getRepository("CityName").save([
    cityName("at-villach", "name", "Villach"),
    cityName("at-villach", "alias", "Beljak", "sl"),
    cityName("at-villach", "gazetteer", "Филах", "sr"),
    cityName("at-villach", "gazetteer", "Filah", "sr-Latn"),
    cityName("si-kranj", "name", "Kranj"),
    cityName("si-kranj", "gazetteer", "Krainburg", "DE"),
    cityName("it-gorizia", "alias", "Gorica"),
    // listed once, as the alias without a language above, so no Slovene name
    cityName("it-gorizia", "gazetteer", "Gorica", "sl"),
    cityName("it-gorizia", "gazetteer", "Goriza", "sl"),
  ]);
});

afterAll(() => db.destroy());

describe("cities subgraph", () => {
  it("finds a city by an alias, whatever its case", async () => {
    const result = await run(
      `{ findCities(name: "beljak") { id name aliases { name language } country { code name } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.findCities).toEqual([
      {
        id: "at-villach",
        name: "Villach",
        aliases: [
          { name: "Beljak", language: "sl" },
          { name: "Филах", language: "sr" },
          { name: "Filah", language: "sr-Latn" },
        ],
        country: { code: "AT", name: "Austria" },
      },
    ]);
  });

  it("resolves references in one batch", async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on City { id name } } }`,
      {
        r: [
          { __typename: "City", id: "si-kranj" },
          { __typename: "City", id: "nowhere" },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ id: "si-kranj", name: "Kranj" }, null]);
  });

  it("rejects a page size over the limit, naming the argument", async () => {
    const result = await run(`{ findCities(name: "x", first: 101) { id } }`);
    expect(result.errors?.[0].message).toContain('"first"');
    expect(result.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("names a city in the page's language where an alias exists, else by its common name", async () => {
    const query = /* GraphQL */ `
      query ($id: ID!) {
        sl: city(id: $id) { nameIn(language: "sl") }
        slSI: city(id: $id) { nameIn(language: "sl-SI") }
        sr: city(id: $id) { nameIn(language: "sr") }
        srCyrl: city(id: $id) { nameIn(language: "sr-Cyrl") }
        srLatn: city(id: $id) { nameIn(language: "sr-Latn") }
        fr: city(id: $id) { nameIn(language: "fr") }
      }
    `;
    const result = await run(query, { id: "at-villach" });
    expect(result.errors).toBeUndefined();
    const names = Object.fromEntries(
      Object.entries(result.data ?? {}).map(([tag, city]) => [tag, (city as { nameIn: string }).nameIn]),
    );
    expect(names).toEqual({
      sl: "Beljak",
      slSI: "Beljak",
      sr: "Филах",
      srCyrl: "Филах",
      srLatn: "Filah",
      fr: "Villach",
    });
  });

  it("names each city in a language as its aliases list them: a tag in any case, a repeated name once", async () => {
    const query = /* GraphQL */ `
      query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on City { sl: nameIn(language: "sl") de: nameIn(language: "de") aliases { name language } }
        }
      }
    `;
    const ids = ["it-gorizia", "si-kranj", "at-villach"];
    const result = await run(query, { r: ids.map((id) => ({ __typename: "City", id })) });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        sl: "Goriza",
        de: "Gorizia",
        aliases: [
          { name: "Gorica", language: null },
          { name: "Goriza", language: "sl" },
        ],
      },
      { sl: "Kranj", de: "Krainburg", aliases: [{ name: "Krainburg", language: "DE" }] },
      expect.objectContaining({ sl: "Beljak", de: "Villach" }),
    ]);
  });

  it("refuses a language that is not a BCP 47 tag", async () => {
    const result = await run(`{ city(id: "at-villach") { nameIn(language: "slovene!") } }`);
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0].message).toMatch(/language.*BCP 47/);
  });
});
