// The same graph on PostgreSQL: every subgraph in a schema of its own, seeded from the sources, must
// answer the dossier exactly as on SQLite. Runs where TEST_DATABASE_URL names a PostgreSQL database
// (CI sets it); skipped elsewhere.
import { readFileSync } from "node:fs";
import path from "node:path";
import { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Federation, inProcessFederation } from "../src/harness";

const url = process.env.TEST_DATABASE_URL;

async function dropSchemas(databaseUrl: string): Promise<void> {
  const admin = await new DataSource({ type: "postgres", url: databaseUrl }).initialize();
  for (const schema of ["cities", "agreements", "projects", "news"]) {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  }
  await admin.destroy();
}

const title = url
  ? "PostgreSQL"
  : "PostgreSQL tests skipped: set TEST_DATABASE_URL=postgres://... to run them";

describe.skipIf(!url)(title, () => {
  let federation: Federation;
  beforeAll(async () => {
    await dropSchemas(url!);
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

  it("seeds idempotently: a second load adds nothing", async () => {
    const { loadSources } = await import("@twingraph/seed");
    const count = () =>
      federation.databases.agreements.query(`SELECT count(*)::int AS n FROM "agreements"."partnership"`);
    const before = await count();
    await loadSources(federation.databases);
    expect(await count()).toEqual(before);
  });
});
