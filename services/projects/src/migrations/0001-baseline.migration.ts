// The projects schema as the release before migrations (bc4f6b9) created it with synchronize,
// taken from TypeORM's schema builder on PostgreSQL. A database that release made already has these
// tables: the baseline adopts it untouched, and the migrations after it run as on a new one.
import { baselineTablesExist, migrationSchema, runStatements } from "@twingraph/kit/subgraph";
import type { MigrationInterface, QueryRunner } from "typeorm";

const TABLES = ["programme", "project", "project_city"];

export class ProjectsBaseline1795247628000 implements MigrationInterface {
  name = "ProjectsBaseline1795247628000";

  async up(runner: QueryRunner): Promise<void> {
    if (await baselineTablesExist(runner, TABLES)) return;
    const s = migrationSchema(runner);
    await runStatements(runner, [
      `CREATE TABLE ${s}."programme" (
        "id" text NOT NULL,
        "name" text NOT NULL,
        "funder" text,
        "funds" text NOT NULL,
        "countryCodes" text NOT NULL,
        "sources" text NOT NULL,
        CONSTRAINT "PK_76ff6b30b74f213944d1ac0a660" PRIMARY KEY ("id")
      )`,
      `CREATE TABLE ${s}."project" (
        "id" text NOT NULL,
        "acronym" text,
        "title" text NOT NULL,
        "programmeId" text,
        "funds" text NOT NULL,
        "totalBudget" text,
        "euContribution" text,
        "start" text,
        "end" text,
        "partnerRecords" text NOT NULL,
        "participantCount" integer,
        "objectives" text NOT NULL,
        "results" text NOT NULL,
        "sources" text NOT NULL,
        CONSTRAINT "PK_4d68b1358bb5b766d3e78f32f57" PRIMARY KEY ("id")
      )`,
      `CREATE INDEX "IDX_9d8477fe02a2b58c0652f0821a" ON ${s}."project" ("programmeId")`,
      `CREATE TABLE ${s}."project_city" (
        "projectId" text NOT NULL,
        "cityId" text NOT NULL,
        "position" integer NOT NULL,
        CONSTRAINT "PK_59e9dd8090949108a4057bcd9ed" PRIMARY KEY ("projectId", "cityId")
      )`,
      `CREATE INDEX "IDX_66c79f745d37cd623dd1587bd1" ON ${s}."project_city" ("cityId")`,
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runStatements(runner, [
      `DROP TABLE ${s}."project_city"`,
      `DROP TABLE ${s}."project"`,
      `DROP TABLE ${s}."programme"`,
    ]);
  }
}
