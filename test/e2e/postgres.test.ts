// The same graph on PostgreSQL: every subgraph in a schema of its own, seeded from the sources, must
// answer the dossier exactly as on SQLite. Runs where TEST_DATABASE_URL names a PostgreSQL database
// (CI sets it); skipped elsewhere.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Federation, inProcessFederation } from "../src/harness";
import { dropScratchSchemas } from "../src/scratch-schemas";

const url = process.env.TEST_DATABASE_URL;

const title = url
  ? "PostgreSQL"
  : "PostgreSQL tests skipped: set TEST_DATABASE_URL=postgres://... to run them";

describe.skipIf(!url)(title, () => {
  let federation: Federation;
  beforeAll(async () => {
    await dropScratchSchemas(url!, "");
    federation = await inProcessFederation({ databaseUrl: url });
  });
  afterAll(() => federation?.close());

  it("answers the dossier as the golden file says", async () => {
    const queries = path.resolve(__dirname, "../queries");
    const document = readFileSync(path.join(queries, "dossier.graphql"), "utf8");
    const expected = JSON.parse(readFileSync(path.join(queries, "dossier.json"), "utf8"));
    const result = await federation.execute(document, { a: "at-villach", b: "si-kranj" }, "Twinning");
    expect(result).toEqual(expected.Twinning);
  });

  it("answers network queries, name searches and imports as on SQLite", async () => {
    const result = await federation.execute(`{
      network(filter: { country: "SI" }) {
        partnershipCount
        path(from: "si-velenje", to: "me-pljevlja") { length }
        ranking(by: CLOSENESS, first: 1) { city { id } }
        distances { measured }
      }
      searchCities(name: "Kragujevcu", first: 1) { city { id } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      network: { path: { length: 1 }, distances: { measured: 3 } },
      searchCities: [{ city: { id: "rs-kragujevac" } }],
    });
    const { importPairs } = await import("@twingraph/seed");
    const fixture = path.resolve(__dirname, "../fixtures/imports/pairs-minimal.csv");
    const first = await importPairs(federation.databases, fixture);
    const again = await importPairs(federation.databases, fixture);
    expect(first.created.partnerships).toBeGreaterThan(0);
    expect(again.created.partnerships).toBe(0);
  });

  it("seeds idempotently: a second load adds nothing", async () => {
    const { loadSources } = await import("@twingraph/seed");
    const count = () =>
      federation.databases.agreements.query(`SELECT count(*)::int AS n FROM "agreements"."partnership"`);
    const before = await count();
    await loadSources(federation.databases);
    expect(await count()).toEqual(before);
  });
});
