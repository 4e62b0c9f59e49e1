// The changes schema: changesets, their discussion, and the revision every subgraph database keeps.
import { migrationSchema, runStatements } from "@twingraph/kit/subgraph";
import type { MigrationInterface, QueryRunner } from "typeorm";

export class ChangesChangesets1797811200000 implements MigrationInterface {
  name = "ChangesChangesets1797811200000";

  async up(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runStatements(runner, [
      `CREATE TABLE ${s}."data_revision" (
        "name" text NOT NULL,
        "value" integer NOT NULL,
        CONSTRAINT "PK_1778abb8d6008b9df3b2dbad3d7" PRIMARY KEY ("name")
      )`,
      `CREATE TABLE ${s}."changeset" (
        "id" text NOT NULL,
        "comment" text NOT NULL,
        "kind" text NOT NULL,
        "status" text NOT NULL,
        "phase" text,
        "statusBeforeApply" text,
        "authorId" text NOT NULL,
        "authorName" text NOT NULL,
        "createdAt" text NOT NULL,
        "submittedAt" text,
        "reviewerId" text,
        "reviewerName" text,
        "reviewedAt" text,
        "reviewComment" text,
        "revertOf" text,
        "revertedBy" text,
        "subgraphs" text NOT NULL,
        CONSTRAINT "PK_c0ee6b37937441a7398d54e9935" PRIMARY KEY ("id")
      )`,
      `CREATE INDEX "IDX_8cae199fad941c935c69f60863" ON ${s}."changeset" ("status")`,
      `CREATE INDEX "IDX_096a8e5f383986ba08240f1740" ON ${s}."changeset" ("authorId")`,
      `CREATE INDEX "IDX_e92b1ed6924e0bdcb239c7015d" ON ${s}."changeset" ("createdAt")`,
      `CREATE TABLE ${s}."changeset_comment" (
        "id" SERIAL NOT NULL,
        "changesetId" text NOT NULL,
        "authorId" text NOT NULL,
        "authorName" text NOT NULL,
        "at" text NOT NULL,
        "text" text NOT NULL,
        CONSTRAINT "PK_88e9a34e62afe98e743d3a2f072" PRIMARY KEY ("id")
      )`,
      `CREATE INDEX "IDX_00cc694e87b5168eff003a09da" ON ${s}."changeset_comment" ("changesetId")`,
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runStatements(runner, [
      `DROP TABLE ${s}."changeset_comment"`,
      `DROP TABLE ${s}."changeset"`,
      `DROP TABLE ${s}."data_revision"`,
    ]);
  }
}
