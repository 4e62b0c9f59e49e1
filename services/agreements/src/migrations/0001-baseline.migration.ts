// The agreements schema as the release before migrations (bc4f6b9) created it with synchronize,
// taken from TypeORM's schema builder on PostgreSQL. A database that release made already has these
// tables: the baseline adopts it untouched, and the migrations after it run as on a new one.
import { baselineTablesExist, migrationSchema, runStatements } from "@twingraph/kit/subgraph";
import type { MigrationInterface, QueryRunner } from "typeorm";

const TABLES = [
  "agreement",
  "agreement_city",
  "data_revision",
  "network_metric",
  "partnership",
  "partnership_city",
];

export class AgreementsBaseline1795247628000 implements MigrationInterface {
  name = "AgreementsBaseline1795247628000";

  async up(runner: QueryRunner): Promise<void> {
    if (await baselineTablesExist(runner, TABLES)) return;
    const s = migrationSchema(runner);
    await runStatements(runner, [
      `CREATE TABLE ${s}."agreement" (
        "id" text NOT NULL,
        "title" text NOT NULL,
        "kind" text NOT NULL,
        "partyRecords" text NOT NULL,
        "signatories" text NOT NULL,
        "signedOn" text,
        "signedAtCityId" text,
        "validFrom" text,
        "validUntil" text,
        "renewal" text,
        "basedOnId" text,
        "areas" text NOT NULL,
        "languages" text NOT NULL,
        "partnershipId" text,
        "sources" text NOT NULL,
        CONSTRAINT "PK_e7537188219eeef56233a609753" PRIMARY KEY ("id")
      )`,
      `CREATE INDEX "IDX_8f75ccb172d41b61ac90876a8d" ON ${s}."agreement" ("kind")`,
      `CREATE INDEX "IDX_ae592b9d2d1d6fc285064e92fb" ON ${s}."agreement" ("partnershipId")`,
      `CREATE TABLE ${s}."agreement_city" (
        "agreementId" text NOT NULL,
        "cityId" text NOT NULL,
        CONSTRAINT "PK_356dbe6dedc91bf603e49452d1e" PRIMARY KEY ("agreementId", "cityId")
      )`,
      `CREATE INDEX "IDX_450049f411ceba690cdce9b46f" ON ${s}."agreement_city" ("cityId")`,
      `CREATE TABLE ${s}."data_revision" (
        "name" text NOT NULL,
        "value" integer NOT NULL,
        CONSTRAINT "PK_1778abb8d6008b9df3b2dbad3d7" PRIMARY KEY ("name")
      )`,
      `CREATE TABLE ${s}."network_metric" (
        "key" text NOT NULL,
        "revision" integer NOT NULL,
        "scores" text NOT NULL,
        CONSTRAINT "PK_e481da84513ec851c9e672ccba3" PRIMARY KEY ("key")
      )`,
      `CREATE TABLE ${s}."partnership" (
        "id" text NOT NULL,
        "name" text,
        "kind" text NOT NULL,
        "status" text NOT NULL,
        "since" text,
        "until" text,
        "memberCount" integer,
        "distanceKm" double precision,
        "sources" text NOT NULL,
        CONSTRAINT "PK_f1bf1be9f475497d8b396d4cc56" PRIMARY KEY ("id")
      )`,
      `CREATE INDEX "IDX_5fe400bb610e379c9db57a70a7" ON ${s}."partnership" ("kind")`,
      `CREATE INDEX "IDX_42cc47812bbfe63d6d6bcb0688" ON ${s}."partnership" ("since")`,
      `CREATE TABLE ${s}."partnership_city" (
        "partnershipId" text NOT NULL,
        "cityId" text NOT NULL,
        "position" integer NOT NULL,
        CONSTRAINT "PK_b511f9f2b3a86d823b818ea5dac" PRIMARY KEY ("partnershipId", "cityId")
      )`,
      `CREATE INDEX "IDX_8b10a56112bc5c65cb4ce8b0b8" ON ${s}."partnership_city" ("cityId")`,
      `ALTER TABLE ${s}."partnership_city" ADD CONSTRAINT "FK_10b2a8ae0f969085bf37e00abb6" FOREIGN KEY ("partnershipId") REFERENCES ${s}."partnership"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runStatements(runner, [
      `DROP TABLE ${s}."partnership_city"`,
      `DROP TABLE ${s}."partnership"`,
      `DROP TABLE ${s}."network_metric"`,
      `DROP TABLE ${s}."data_revision"`,
      `DROP TABLE ${s}."agreement_city"`,
      `DROP TABLE ${s}."agreement"`,
    ]);
  }
}
