// The data_revision table (name, value) that every subgraph now keeps, so that readers can tell
// whether what they cached from this subgraph's rows is stale. IF NOT EXISTS: a database whose
// tables were synchronized by a build between the releases may have it already.
import { migrationSchema, runStatements } from "@twingraph/kit/subgraph";
import type { MigrationInterface, QueryRunner } from "typeorm";

export class CitiesDataRevision1795910400000 implements MigrationInterface {
  name = "CitiesDataRevision1795910400000";

  async up(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runStatements(runner, [
      `CREATE TABLE IF NOT EXISTS ${s}."data_revision" (
        "name" text NOT NULL,
        "value" integer NOT NULL,
        CONSTRAINT "PK_1778abb8d6008b9df3b2dbad3d7" PRIMARY KEY ("name")
      )`,
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runStatements(runner, [`DROP TABLE ${s}."data_revision"`]);
  }
}
