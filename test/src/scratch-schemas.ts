// PostgreSQL scratch schemas for tests that run a federation beside others on one server: each
// subgraph's schema named with the test's own prefix, dropped afterwards.
import { readSubgraphManifest } from "@twingraph/kit/manifest";
import { DataSource } from "typeorm";

/** Drops every subgraph's schema named with `prefix` (a prefix of "" drops the real ones). */
export async function dropScratchSchemas(databaseUrl: string, prefix: string): Promise<void> {
  const admin = await new DataSource({ type: "postgres", url: databaseUrl }).initialize();
  for (const { name } of readSubgraphManifest())
    await admin.query(`DROP SCHEMA IF EXISTS "${prefix}${name}" CASCADE`);
  await admin.destroy();
}
