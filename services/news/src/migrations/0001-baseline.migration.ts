// The news schema as the release before migrations (bc4f6b9) created it with synchronize,
// taken from TypeORM's schema builder on PostgreSQL. A database that release made already has these
// tables: the baseline adopts it untouched, and the migrations after it run as on a new one.
import { baselineTablesExist, migrationSchema, runStatements } from "@twingraph/kit/subgraph";
import type { MigrationInterface, QueryRunner } from "typeorm";

const TABLES = [
  "event",
  "event_city",
  "news_item",
  "news_item_city",
  "news_item_project",
  "visit",
  "visit_city",
];

export class NewsBaseline1795247628000 implements MigrationInterface {
  name = "NewsBaseline1795247628000";

  async up(runner: QueryRunner): Promise<void> {
    if (await baselineTablesExist(runner, TABLES)) return;
    const s = migrationSchema(runner);
    await runStatements(runner, [
      `CREATE TABLE ${s}."event" (
        "id" text NOT NULL,
        "title" text NOT NULL,
        "date" text,
        "placeCityId" text,
        "planned" boolean NOT NULL,
        "description" text,
        "projectId" text,
        "agreementId" text,
        "sources" text NOT NULL,
        CONSTRAINT "PK_30c2f3bbaf6d34a55f8ae6e4614" PRIMARY KEY ("id")
      )`,
      `CREATE INDEX "IDX_158ebc26716f3fc2042cc9dd2e" ON ${s}."event" ("date")`,
      `CREATE INDEX "IDX_238af1d67442ce264f2084c8b6" ON ${s}."event" ("placeCityId")`,
      `CREATE INDEX "IDX_3dde39f7b276bbc735a0f762ea" ON ${s}."event" ("projectId")`,
      `CREATE INDEX "IDX_3b9d5354117e6380e2b7b1e291" ON ${s}."event" ("agreementId")`,
      `CREATE TABLE ${s}."event_city" (
        "eventId" text NOT NULL,
        "cityId" text NOT NULL,
        "position" integer NOT NULL,
        CONSTRAINT "PK_ab482d7858d79daeb579c652ecd" PRIMARY KEY ("eventId", "cityId")
      )`,
      `CREATE INDEX "IDX_2a2fbc62e9b055b70fda8b7e26" ON ${s}."event_city" ("cityId")`,
      `CREATE TABLE ${s}."news_item" (
        "id" text NOT NULL,
        "title" text NOT NULL,
        "summary" text,
        "publishedOn" text,
        "language" text NOT NULL,
        "publisher" text,
        "url" text,
        "sources" text NOT NULL,
        CONSTRAINT "PK_8e2f3e03d39030228522f707758" PRIMARY KEY ("id")
      )`,
      `CREATE INDEX "IDX_5aeebb7561093a9cb50ed8949c" ON ${s}."news_item" ("publishedOn")`,
      `CREATE TABLE ${s}."news_item_city" (
        "newsItemId" text NOT NULL,
        "cityId" text NOT NULL,
        "position" integer NOT NULL,
        CONSTRAINT "PK_f3e5083bb0f1eab0ac2b1ef78b0" PRIMARY KEY ("newsItemId", "cityId")
      )`,
      `CREATE INDEX "IDX_cc543e8ae1a9f17438c40f7519" ON ${s}."news_item_city" ("cityId")`,
      `CREATE TABLE ${s}."news_item_project" (
        "newsItemId" text NOT NULL,
        "projectId" text NOT NULL,
        "position" integer NOT NULL,
        CONSTRAINT "PK_091fb0010cdd6c3838f806bd3fd" PRIMARY KEY ("newsItemId", "projectId")
      )`,
      `CREATE INDEX "IDX_f6090ba06e83c2cb64627f7501" ON ${s}."news_item_project" ("projectId")`,
      `CREATE TABLE ${s}."visit" (
        "id" text NOT NULL,
        "date" text NOT NULL,
        "hostCityId" text NOT NULL,
        "delegationRecords" text NOT NULL,
        "hostRecords" text NOT NULL,
        "purpose" text,
        "outcomes" text NOT NULL,
        "newsItemId" text,
        "sources" text NOT NULL,
        CONSTRAINT "PK_c9919ef5a07627657c535d8eb88" PRIMARY KEY ("id")
      )`,
      `CREATE INDEX "IDX_af04974c520f219b5b001b24c2" ON ${s}."visit" ("date")`,
      `CREATE TABLE ${s}."visit_city" (
        "visitId" text NOT NULL,
        "cityId" text NOT NULL,
        "role" text NOT NULL,
        "position" integer NOT NULL,
        CONSTRAINT "PK_1d3acd993f2f878c38a3ffbcd63" PRIMARY KEY ("visitId", "cityId", "role")
      )`,
      `CREATE INDEX "IDX_81f4a4b44cb47509b503bab3e4" ON ${s}."visit_city" ("cityId")`,
      `ALTER TABLE ${s}."event_city" ADD CONSTRAINT "FK_3e8083d7ad805fe91fc5b7a5a2b" FOREIGN KEY ("eventId") REFERENCES ${s}."event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE ${s}."news_item_city" ADD CONSTRAINT "FK_2c1920604a4e7a06f54b4d690ae" FOREIGN KEY ("newsItemId") REFERENCES ${s}."news_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE ${s}."news_item_project" ADD CONSTRAINT "FK_94ff37ab993786f5708a2a3452e" FOREIGN KEY ("newsItemId") REFERENCES ${s}."news_item"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE ${s}."visit_city" ADD CONSTRAINT "FK_6dcc6ebbd7f5699f569dd1672ed" FOREIGN KEY ("visitId") REFERENCES ${s}."visit"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runStatements(runner, [
      `DROP TABLE ${s}."visit_city"`,
      `DROP TABLE ${s}."visit"`,
      `DROP TABLE ${s}."news_item_project"`,
      `DROP TABLE ${s}."news_item_city"`,
      `DROP TABLE ${s}."news_item"`,
      `DROP TABLE ${s}."event_city"`,
      `DROP TABLE ${s}."event"`,
    ]);
  }
}
