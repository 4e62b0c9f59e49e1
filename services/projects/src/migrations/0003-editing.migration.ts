// Editing (issue 11): each project's version, rank and deprecation reason (existing rows become
// version 1, NORMAL), the partnerships editors link projects to, and the kit's staged edits and
// record versions, as TypeORM's schema builder creates them on PostgreSQL.
import { migrationSchema, runStatements } from "@twingraph/kit/subgraph";
import type { MigrationInterface, QueryRunner } from "typeorm";

export class ProjectsEditing1796515200000 implements MigrationInterface {
  name = "ProjectsEditing1796515200000";

  async up(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runStatements(runner, [
      `ALTER TABLE ${s}."project" ADD "version" integer NOT NULL DEFAULT '1'`,
      `ALTER TABLE ${s}."project" ADD "rank" text NOT NULL DEFAULT 'NORMAL'`,
      `ALTER TABLE ${s}."project" ADD "deprecationReason" text`,
      `CREATE TABLE ${s}."project_partnership" (
        "projectId" text NOT NULL,
        "partnershipId" text NOT NULL,
        "position" integer NOT NULL,
        CONSTRAINT "PK_f348eeaa1d15b87b9a111439a00" PRIMARY KEY ("projectId", "partnershipId")
      )`,
      `CREATE INDEX "IDX_d24e56c5fa3066df6161815031" ON ${s}."project_partnership" ("partnershipId")`,
      `CREATE TABLE ${s}."staged_edit" (
        "id" SERIAL NOT NULL,
        "changesetId" text NOT NULL,
        "entity" text NOT NULL,
        "recordId" text NOT NULL,
        "op" text NOT NULL,
        "baseVersion" integer,
        "values" text NOT NULL,
        "source" text NOT NULL,
        "authorId" text NOT NULL,
        "authorName" text NOT NULL,
        "createdAt" text NOT NULL,
        "state" text NOT NULL,
        CONSTRAINT "PK_93e7224b3a62fc22ecb2fc5ea1f" PRIMARY KEY ("id")
      )`,
      `CREATE INDEX "IDX_d22e88ae65e2e5a0c7d0038a21" ON ${s}."staged_edit" ("changesetId")`,
      `CREATE INDEX "IDX_b5c931db48f973cfe0c3a43bf8" ON ${s}."staged_edit" ("recordId")`,
      `CREATE INDEX "IDX_7867a14ad9fb6bf049349061a6" ON ${s}."staged_edit" ("state")`,
      `CREATE TABLE ${s}."record_version" (
        "id" SERIAL NOT NULL,
        "entity" text NOT NULL,
        "recordId" text NOT NULL,
        "version" integer NOT NULL,
        "changesetId" text NOT NULL,
        "authorId" text NOT NULL,
        "authorName" text NOT NULL,
        "at" text NOT NULL,
        "op" text NOT NULL,
        "before" text,
        "after" text NOT NULL,
        "source" text,
        CONSTRAINT "UQ_bfc0a5e5ef072e4cfdf0f91c2f6" UNIQUE ("entity", "recordId", "version"),
        CONSTRAINT "PK_9b5add5d5a9bc4b1ffbf408cf48" PRIMARY KEY ("id")
      )`,
      `CREATE INDEX "IDX_9c3c5438ea69c579d26dd82def" ON ${s}."record_version" ("recordId")`,
      `CREATE INDEX "IDX_7492bd914e039c3d0ac3ccdc5e" ON ${s}."record_version" ("changesetId")`,
      `CREATE INDEX "IDX_1cb4a513710f98c279d1be7c2c" ON ${s}."record_version" ("at")`,
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runStatements(runner, [
      `DROP TABLE ${s}."record_version"`,
      `DROP TABLE ${s}."staged_edit"`,
      `DROP TABLE ${s}."project_partnership"`,
      `ALTER TABLE ${s}."project" DROP COLUMN "deprecationReason"`,
      `ALTER TABLE ${s}."project" DROP COLUMN "rank"`,
      `ALTER TABLE ${s}."project" DROP COLUMN "version"`,
    ]);
  }
}
