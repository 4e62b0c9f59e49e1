import { type Executor, localExecutor } from "@twingraph/kit";
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
  await db.getRepository(City).save([villach, kranj]);
  await db
    .getRepository("CityName")
    .save([
      cityName("at-villach", "name", "Villach"),
      cityName("at-villach", "alias", "Beljak", "sl"),
      cityName("si-kranj", "name", "Kranj"),
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
        aliases: [{ name: "Beljak", language: "sl" }],
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
});
