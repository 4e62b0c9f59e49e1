// Hostile text against the cities subgraph: a text argument over its cap is a coded client mistake
// naming the argument and the limit, not an internal "LIKE or GLOB pattern too complex"; names just
// under it and the LIKE wildcards in a name are searched as text, never as patterns.
import { type Executor, localExecutor } from "@twingraph/kit/subgraph";
import { StatementCounter } from "@twingraph/testing";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCitiesSubgraph, City, cityName, openCitiesDatabase } from "../src";

const counter = new StatementCounter();
let db: DataSource;
let run: Executor;

beforeAll(async () => {
  db = await openCitiesDatabase({ url: ":memory:", logger: counter });
  run = localExecutor((await buildCitiesSubgraph()).schema, db);
  await db.getRepository(City).insert(
    ["Kranj", "Ptuj"].map((name) => ({
      id: `si-${name.toLowerCase()}`,
      name,
      localName: null,
      countryCode: "SI",
      latitude: null,
      longitude: null,
      population: null,
      sources: [],
    })),
  );
  await db
    .getRepository("CityName")
    .save([cityName("si-kranj", "name", "Kranj"), cityName("si-ptuj", "name", "Ptuj")]);
});

afterAll(() => db.destroy());

const search = (name: string, country?: string) =>
  run(
    /* GraphQL */ `query ($name: String!, $country: String) {
      found: findCities(name: $name, country: $country) { id }
      scored: searchCities(name: $name, country: $country) { matchedName }
    }`,
    { name, country },
  );

function refusal(result: Awaited<ReturnType<Executor>>) {
  expect(result.data).toBeNull();
  const [error] = result.errors ?? [];
  return { message: error?.message, ...error?.extensions };
}

describe("text arguments over their cap", () => {
  it("refuses a name of 100,000 characters, naming the argument and the limit", async () => {
    const error = refusal(await search("k".repeat(100_000)));
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "name" });
    expect(error.message).toBe('Argument "name" must be at most 200 characters long, got 100000.');
  });

  it("counts characters, not UTF-16 units: 200 emoji are a name of 200", async () => {
    expect((await search("😀".repeat(200))).errors).toBeUndefined();
    expect(refusal(await search("😀".repeat(201))).message).toContain("got 201");
  });

  it("searches a name of 200 characters whose key is 18 times as long", async () => {
    // ﷺ decomposes into 18 Arabic letters: the longest key a character gives
    const result = await search("\ufdfa".repeat(200));
    expect(result).toEqual({ data: { found: [], scored: [] } });
  });

  it("refuses a country of 100,000 characters before parsing it as a country name", async () => {
    const error = refusal(await search("Kranj", "(".repeat(100_000)));
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "country" });
    expect(error.message).toContain("at most 100 characters");
  });

  it("refuses cities(country) and nameIn(language) over their caps", async () => {
    const cities = refusal(
      await run(`query ($c: String) { cities(country: $c) { id } }`, { c: "x".repeat(101) }),
    );
    expect(cities).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "country" });
    const nameIn = await run(`query ($l: String!) { city(id: "si-kranj") { nameIn(language: $l) } }`, {
      l: `sr-${"latn-".repeat(20_000)}rs`,
    });
    expect(nameIn.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "language" });
    expect(nameIn.errors?.[0].message).toContain("at most 35 characters");
  });

  it("still takes the longest country name the tables know (80 characters)", async () => {
    const hongKong = "Hong Kong Специальный административный район Китайской Народной Республики Китая";
    expect(await search("Kranj", hongKong)).toEqual({ data: { found: [], scored: [] } });
  });
});

describe("LIKE wildcards in a name", () => {
  it("answers a name of wildcards alone with nothing, without a statement", async () => {
    for (const name of ["%%%%", "_", "%_%", "%".repeat(200)]) {
      counter.reset();
      expect(await search(name)).toEqual({ data: { found: [], scored: [] } });
      expect(counter.count).toBe(0);
    }
    await search("Kranj");
    expect(counter.count).toBeGreaterThan(0);
  });

  it("reads % and _ inside a name as word breaks, not as any text", async () => {
    expect(await search("K_anj")).toEqual({ data: { found: [], scored: [] } });
    expect(await search("%ranj")).toEqual({ data: { found: [], scored: [] } });
    expect((await search("Kranj%")).data).toEqual({
      found: [{ id: "si-kranj" }],
      scored: [{ matchedName: "Kranj" }],
    });
  });
});
