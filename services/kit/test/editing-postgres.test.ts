// The kit's editing core on PostgreSQL, in a scratch schema: where transactions really run side by
// side, so the races (two commits, two prepares) meet the advisory lock. Runs where
// TEST_DATABASE_URL names a PostgreSQL database.
import { DataSource } from "typeorm";
import { describe } from "vitest";
import { describeEditingCore } from "./editing-core";
import { openParks } from "./editing-fixture";

const url = process.env.TEST_DATABASE_URL;
const SCHEMA = "scratch_kit_editing";

async function openScratch(): Promise<DataSource> {
  const admin = await new DataSource({ type: "postgres", url }).initialize();
  await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  await admin.query(`CREATE SCHEMA "${SCHEMA}"`);
  await admin.destroy();
  // the toy entity has no migrations: synchronize builds its scratch tables
  const db = await openParks(url, SCHEMA);
  await db.synchronize();
  return db;
}

describe.skipIf(!url)(
  url ? "PostgreSQL" : "PostgreSQL tests skipped: set TEST_DATABASE_URL=postgres://... to run them",
  () => {
    describeEditingCore("editing on PostgreSQL", openScratch);
  },
);
