// Editing (issue 11): visits, news items and events gain a version, a rank and a deprecation reason,
// whose defaults give every existing row version 1, NORMAL; visits gain explicit links to
// partnerships; and the kit's two editing tables, the staged edits of changesets and every version of
// every record, as TypeORM creates them.
import { migrationSchema, runStatements } from "@twingraph/kit/subgraph";
import type { MigrationInterface, QueryRunner } from "typeorm";

export class NewsEditing1796515200000 implements MigrationInterface {
  name = "NewsEditing1796515200000";

  async up(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runStatements(runner, [
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
      `CREATE TABLE ${s}."visit_partnership" (
        "visitId" text NOT NULL,
        "partnershipId" text NOT NULL,
        "position" integer NOT NULL,
        CONSTRAINT "PK_6e96b0c6ae6e082b5ac3758f830" PRIMARY KEY ("visitId", "partnershipId")
      )`,
      `CREATE INDEX "IDX_2ecd51fbfa113066d0ecaa49a8" ON ${s}."visit_partnership" ("partnershipId")`,
      `ALTER TABLE ${s}."event" ADD "version" integer NOT NULL DEFAULT '1'`,
      `ALTER TABLE ${s}."event" ADD "rank" text NOT NULL DEFAULT 'NORMAL'`,
      `ALTER TABLE ${s}."event" ADD "deprecationReason" text`,
      `ALTER TABLE ${s}."news_item" ADD "version" integer NOT NULL DEFAULT '1'`,
      `ALTER TABLE ${s}."news_item" ADD "rank" text NOT NULL DEFAULT 'NORMAL'`,
      `ALTER TABLE ${s}."news_item" ADD "deprecationReason" text`,
      `ALTER TABLE ${s}."visit" ADD "version" integer NOT NULL DEFAULT '1'`,
      `ALTER TABLE ${s}."visit" ADD "rank" text NOT NULL DEFAULT 'NORMAL'`,
      `ALTER TABLE ${s}."visit" ADD "deprecationReason" text`,
      `ALTER TABLE ${s}."visit_partnership" ADD CONSTRAINT "FK_f06259a4c5e9b9c33e15ad65522" FOREIGN KEY ("visitId") REFERENCES ${s}."visit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runStatements(runner, [
      `ALTER TABLE ${s}."visit" DROP COLUMN "deprecationReason"`,
      `ALTER TABLE ${s}."visit" DROP COLUMN "rank"`,
      `ALTER TABLE ${s}."visit" DROP COLUMN "version"`,
      `ALTER TABLE ${s}."news_item" DROP COLUMN "deprecationReason"`,
      `ALTER TABLE ${s}."news_item" DROP COLUMN "rank"`,
      `ALTER TABLE ${s}."news_item" DROP COLUMN "version"`,
      `ALTER TABLE ${s}."event" DROP COLUMN "deprecationReason"`,
      `ALTER TABLE ${s}."event" DROP COLUMN "rank"`,
      `ALTER TABLE ${s}."event" DROP COLUMN "version"`,
      `DROP TABLE ${s}."visit_partnership"`,
      `DROP TABLE ${s}."record_version"`,
      `DROP TABLE ${s}."staged_edit"`,
    ]);
  }
}
