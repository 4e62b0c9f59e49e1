// Long lists against the cities subgraph: a list argument over its cap is a coded client mistake,
// and a batch of references far beyond SQLite's limit of bound parameters still answers.
import { type Executor, localExecutor } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCitiesSubgraph, City, openCitiesDatabase } from "../src";

let db: DataSource;
let run: Executor;

const ids = (count: number) => Array.from({ length: count }, (_, index) => `xx-town-${index}`);

beforeAll(async () => {
  db = await openCitiesDatabase({ url: ":memory:" });
  run = localExecutor((await buildCitiesSubgraph()).schema, db);
  await db.getRepository(City).insert(
    ["xx-town-7", "xx-town-39999"].map((id) => ({
      id,
      name: id,
      localName: null,
      countryCode: "XX",
      latitude: null,
      longitude: null,
      population: null,
      sources: [],
    })),
  );
});

afterAll(() => db.destroy());

describe("list arguments and batches", () => {
  it("refuses cities(ids) of 60,000 ids, naming the argument and the limit", async () => {
    const result = await run(`query($ids: [ID!]) { cities(ids: $ids) { id } }`, { ids: ids(60_000) });
    expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "ids" });
    expect(result.errors?.[0].message).toContain("at most 100");
  });

  it("answers cities(ids) of 100 ids", async () => {
    const result = await run(`query($ids: [ID!]) { cities(ids: $ids) { id } }`, { ids: ids(100) });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ cities: [{ id: "xx-town-7" }] });
  });

  it("resolves 40,000 references in one _entities call", async () => {
    const representations = ids(40_000).map((id) => ({ __typename: "City", id }));
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on City { id } } }`,
      {
        r: representations,
      },
    );
    expect(result.errors).toBeUndefined();
    const entities = (result.data?._entities ?? []) as ({ id: string } | null)[];
    const found = entities.filter((city) => city !== null);
    expect(found).toEqual([{ id: "xx-town-7" }, { id: "xx-town-39999" }]);
  });
});
