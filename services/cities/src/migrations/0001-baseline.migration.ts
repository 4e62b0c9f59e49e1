// The cities schema as the release before migrations (bc4f6b9) created it with synchronize,
// taken from TypeORM's schema builder on PostgreSQL. A database that release made already has these
// tables: the baseline adopts it untouched, and the migrations after it run as on a new one.
import { baselineTablesExist, migrationSchema, runStatements } from "@twingraph/kit/subgraph";
import type { MigrationInterface, QueryRunner } from "typeorm";

const TABLES = ["city", "city_name"];

export class CitiesBaseline1795247628000 implements MigrationInterface {
  name = "CitiesBaseline1795247628000";

  async up(runner: QueryRunner): Promise<void> {
    if (await baselineTablesExist(runner, TABLES)) return;
    const s = migrationSchema(runner);
    await runStatements(runner, [
      `CREATE TABLE ${s}."city" (
        "id" text NOT NULL,
        "name" text NOT NULL,
        "localName" text,
        "countryCode" text NOT NULL,
        "latitude" double precision,
        "longitude" double precision,
        "population" integer,
        "geonameId" integer,
        "wikidataId" text,
        "sources" text NOT NULL,
        CONSTRAINT "PK_b222f51ce26f7e5ca86944a6739" PRIMARY KEY ("id")
      )`,
      `CREATE INDEX "IDX_403e89a47a9a3ea2481647751a" ON ${s}."city" ("countryCode")`,
      `CREATE INDEX "IDX_81bd8a69228a1f97c66fe0bc32" ON ${s}."city" ("geonameId")`,
      `CREATE INDEX "IDX_8a42994d9b46a0efd91acd640d" ON ${s}."city" ("wikidataId")`,
      `CREATE TABLE ${s}."city_name" (
        "rowId" SERIAL NOT NULL,
        "cityId" text NOT NULL,
        "kind" text NOT NULL,
        "name" text NOT NULL,
        "language" text NOT NULL DEFAULT '',
        "key" text NOT NULL,
        "stem" text NOT NULL DEFAULT '',
        CONSTRAINT "UQ_389f7600b19e9d993591d01c739" UNIQUE ("cityId", "kind", "name", "language"),
        CONSTRAINT "PK_641d5fb0fe7219640841d9090be" PRIMARY KEY ("rowId")
      )`,
      `CREATE INDEX "IDX_1d4c455f1af50931d83979c9ea" ON ${s}."city_name" ("cityId")`,
      `CREATE INDEX "IDX_0a2ba90254c37a0ecc3b606075" ON ${s}."city_name" ("key")`,
      `CREATE INDEX "IDX_3b23db62023ec358e8a2c9c4ab" ON ${s}."city_name" ("stem")`,
      `ALTER TABLE ${s}."city_name" ADD CONSTRAINT "FK_1d4c455f1af50931d83979c9ea7" FOREIGN KEY ("cityId") REFERENCES ${s}."city"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runStatements(runner, [`DROP TABLE ${s}."city_name"`, `DROP TABLE ${s}."city"`]);
  }
}
