// Schema migrations: every subgraph's PostgreSQL schema is created and changed by its migrations
// alone. A database that the release before migrations (bc4f6b9) created with synchronize is adopted
// with every row kept; a new schema ends up exactly as the entities describe; SQLite keeps
// synchronize. The PostgreSQL tests run where TEST_DATABASE_URL names a database (CI sets it), each
// in scratch schemas of its own.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  advanceRevision,
  type LoadedSubgraph,
  loadSubgraphs,
  readRevision,
  readSubgraphManifest,
} from "@twingraph/kit/subgraph";
import { DataSource, type EntityMetadata } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const url = process.env.TEST_DATABASE_URL;
const names = readSubgraphManifest().map((entry) => entry.name);
const run = randomBytes(4).toString("hex");

type Row = Record<string, unknown>;

const source = (document: string, quote?: string) => ({ document, quote: quote ?? null });

/** Rows as the release before migrations wrote them: table → rows by column name. */
const previousRows: Record<string, Record<string, Row[]>> = {
  cities: {
    city: [
      {
        id: "si-kranj",
        name: "Kranj",
        localName: null,
        countryCode: "SI",
        latitude: 46.2389,
        longitude: 14.3556,
        population: 37941,
        geonameId: 3197378,
        wikidataId: "Q1028",
        sources: [source("sources/si.md", "Kranj – Villach")],
      },
      {
        id: "at-villach",
        name: "Villach",
        localName: "Beljak",
        countryCode: "AT",
        latitude: 46.61,
        longitude: 13.85,
        population: null,
        geonameId: null,
        wikidataId: null,
        sources: [],
      },
    ],
    city_name: [
      { cityId: "si-kranj", kind: "PRIMARY", name: "Kranj", language: "", key: "kranj", stem: "kranj" },
      { cityId: "at-villach", kind: "LOCAL", name: "Beljak", language: "sl", key: "beljak", stem: "beljak" },
    ],
  },
  agreements: {
    partnership: [
      {
        id: "p-kranj-villach",
        name: null,
        kind: "TWINNING",
        status: "ACTIVE",
        since: "1965",
        until: null,
        memberCount: null,
        distanceKm: 62.5,
        sources: [source("sources/si.md"), source("sources/at.md", "Villach – Kranj")],
      },
    ],
    partnership_city: [
      { partnershipId: "p-kranj-villach", cityId: "si-kranj", position: 0 },
      { partnershipId: "p-kranj-villach", cityId: "at-villach", position: 1 },
    ],
    agreement: [
      {
        id: "a-kranj-villach-1965",
        title: "Charter of friendship",
        kind: "CHARTER",
        partyRecords: [{ name: "Mestna občina Kranj", kind: "MUNICIPALITY", cityId: "si-kranj" }],
        signatories: [{ name: "A. Mayor", role: "mayor", party: "Mestna občina Kranj" }],
        signedOn: "1965-05-09",
        signedAtCityId: "si-kranj",
        validFrom: null,
        validUntil: null,
        renewal: null,
        basedOnId: null,
        areas: ["culture", "sport"],
        languages: ["sl", "de"],
        partnershipId: "p-kranj-villach",
        sources: [source("sources/si.md")],
      },
    ],
    agreement_city: [{ agreementId: "a-kranj-villach-1965", cityId: "si-kranj" }],
    data_revision: [{ name: "partnerships", value: 7 }],
    network_metric: [{ key: "SI", revision: 7, scores: '{"si-kranj":1}' }],
  },
  projects: {
    programme: [
      {
        id: "interreg-si-at",
        name: "Interreg Slovenia–Austria",
        funder: "EU",
        funds: ["ERDF"],
        countryCodes: ["SI", "AT"],
        sources: [source("sources/projects.md")],
      },
    ],
    project: [
      {
        id: "karavanke-trails",
        acronym: "KT",
        title: "Trails across the Karavanke",
        programmeId: "interreg-si-at",
        funds: ["ERDF"],
        totalBudget: { amount: 1200000, currency: "EUR" },
        euContribution: null,
        start: "2019-01-01",
        end: "2021-12-31",
        partnerRecords: [
          { name: "Mestna občina Kranj", role: "LEAD", cityId: "si-kranj", countryCode: "SI" },
        ],
        participantCount: 2,
        objectives: ["hiking trails"],
        results: [],
        sources: [source("sources/projects.md", "Karavanke")],
      },
    ],
    project_city: [{ projectId: "karavanke-trails", cityId: "si-kranj", position: 0 }],
  },
  news: {
    news_item: [
      {
        id: "n-1",
        title: "Villach delegation in Kranj",
        summary: null,
        publishedOn: "2019-06-01",
        language: "sl",
        publisher: "Gorenjski glas",
        url: "https://example.org/n-1",
        sources: [source("sources/news.md")],
      },
    ],
    news_item_city: [{ newsItemId: "n-1", cityId: "si-kranj", position: 0 }],
    news_item_project: [{ newsItemId: "n-1", projectId: "karavanke-trails", position: 0 }],
    visit: [
      {
        id: "v-1",
        date: "2019-05-30",
        hostCityId: "si-kranj",
        delegationRecords: [{ name: "B. Mayor", role: "mayor", cityId: "at-villach" }],
        hostRecords: [],
        purpose: "anniversary",
        outcomes: ["a joint festival"],
        newsItemId: "n-1",
        sources: [source("sources/news.md")],
      },
    ],
    visit_city: [
      { visitId: "v-1", cityId: "si-kranj", role: "HOST", position: 0 },
      { visitId: "v-1", cityId: "at-villach", role: "VISITOR", position: 1 },
    ],
    event: [
      {
        id: "e-1",
        title: "Twinning festival",
        date: "2019-09-01",
        placeCityId: "at-villach",
        planned: false,
        description: null,
        projectId: null,
        agreementId: "a-kranj-villach-1965",
        sources: [source("sources/news.md")],
      },
    ],
    event_city: [{ eventId: "e-1", cityId: "at-villach", position: 0 }],
  },
};

const quoted = (schema: string) => `"${schema}"`;

/** simple-json columns hold JSON text; the release before wrote them with JSON.stringify too. */
const stored = (value: unknown) =>
  value !== null && typeof value === "object" ? JSON.stringify(value) : value;

/** The previous release's schema of a subgraph, dumped; a subgraph added since has none. */
const previousReleaseFile = (name: string) =>
  path.resolve(__dirname, `../fixtures/migrations/${name}-bc4f6b9.sql`);

async function createPreviousRelease(admin: DataSource, name: string, schema: string): Promise<void> {
  const file = previousReleaseFile(name);
  const ddl = readFileSync(file, "utf8").replaceAll("__schema__", quoted(schema));
  await admin.query(`CREATE SCHEMA ${quoted(schema)}`);
  await admin.query(ddl);
  for (const [table, rows] of Object.entries(previousRows[name] ?? {})) {
    for (const row of rows) {
      const columns = Object.keys(row);
      const list = columns.map((column) => `"${column}"`).join(", ");
      const params = columns.map((_, index) => `$${index + 1}`).join(", ");
      await admin.query(
        `INSERT INTO ${quoted(schema)}."${table}" (${list}) VALUES (${params})`,
        Object.values(row).map(stored),
      );
    }
  }
}

/** The row by property name, as the entity reads it. */
function asEntity(metadata: EntityMetadata, row: Row): Row {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => {
      const found = metadata.findColumnWithDatabaseName(column);
      if (!found) throw new Error(`${metadata.tableName} has no column "${column}"`);
      return [found.propertyName, value];
    }),
  );
}

async function executedMigrations(admin: DataSource, schema: string): Promise<string[]> {
  const rows: { name: string }[] = await admin.query(
    `SELECT name FROM ${quoted(schema)}."migrations" ORDER BY id`,
  );
  return rows.map((row) => row.name);
}

async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((query) => query.query);
}

const title = url
  ? "migrations on PostgreSQL"
  : "migrations on PostgreSQL skipped: set TEST_DATABASE_URL=postgres://... to run them";

describe.skipIf(!url)(title, () => {
  let admin: DataSource;
  let subgraphs: Map<string, LoadedSubgraph>;
  const schemas: string[] = [];
  const scratchSchema = (purpose: string, name: string) => {
    const schema = `mig_${run}_${purpose}_${name}`;
    schemas.push(schema);
    return schema;
  };

  beforeAll(async () => {
    admin = await new DataSource({ type: "postgres", url }).initialize();
    subgraphs = new Map((await loadSubgraphs()).map((loaded) => [loaded.name, loaded]));
  });

  afterAll(async () => {
    for (const schema of schemas) await admin?.query(`DROP SCHEMA IF EXISTS ${quoted(schema)} CASCADE`);
    await admin?.destroy();
  });

  const open = (name: string, schema: string) => subgraphs.get(name)!.module.open({ url, schema });

  for (const name of names) {
    // a subgraph added since that release had no database to adopt
    if (existsSync(previousReleaseFile(name)))
      it(`${name}: adopts a database of the release before migrations and keeps every row`, async () => {
        const schema = scratchSchema("previous", name);
        await createPreviousRelease(admin, name, schema);

        const database = await open(name, schema);
        try {
          const all = database.migrations.map((migration) => migration.name);
          expect(all.length).toBeGreaterThan(0);
          expect(await executedMigrations(admin, schema)).toEqual(all);
          for (const [table, rows] of Object.entries(previousRows[name] ?? {})) {
            const metadata = database.entityMetadatas.find((candidate) => candidate.tableName === table);
            if (!metadata) throw new Error(`${name}: no entity maps table ${table}`);
            const read = await database.getRepository(metadata.target).find();
            expect(read, table).toHaveLength(rows.length);
            expect(read, table).toEqual(
              expect.arrayContaining(rows.map((row) => expect.objectContaining(asEntity(metadata, row)))),
            );
          }
          expect(await pendingSchemaChanges(database)).toEqual([]);
          await advanceRevision(database.manager);
          expect(await readRevision(database.manager)).toBeGreaterThan(0);
        } finally {
          await database.destroy();
        }

        const again = await open(name, schema);
        await again.destroy();
        expect(await executedMigrations(admin, schema)).toHaveLength(again.migrations.length);
      });

    it(`${name}: migrates an empty schema to exactly what the entities describe`, async () => {
      const schema = scratchSchema("new", name);
      const database = await open(name, schema);
      try {
        expect(database.options.synchronize).toBe(false);
        expect(await executedMigrations(admin, schema)).toEqual(database.migrations.map((m) => m.name));
        expect(await pendingSchemaChanges(database)).toEqual([]);
      } finally {
        await database.destroy();
      }
    });
  }

  it("lets processes that open a new database together take turns: each opens it, migrated once", async () => {
    const schema = scratchSchema("together", "agreements");
    const databases = await Promise.all([
      open("agreements", schema),
      open("agreements", schema),
      open("agreements", schema),
    ]);
    try {
      expect(await executedMigrations(admin, schema)).toEqual(databases[0]!.migrations.map((m) => m.name));
      for (const database of databases) expect(await pendingSchemaChanges(database)).toEqual([]);
    } finally {
      await Promise.all(databases.map((database) => database.destroy()));
    }
  });

  it("refuses a schema that holds some of a baseline's tables but not all", async () => {
    const schema = scratchSchema("partial", "cities");
    await admin.query(`CREATE SCHEMA ${quoted(schema)}`);
    await admin.query(`CREATE TABLE ${quoted(schema)}."city" ("id" text PRIMARY KEY)`);
    await expect(open("cities", schema)).rejects.toThrow(/not city_name/);
  });
});

describe("SQLite", () => {
  for (const name of names) {
    it(`${name}: a new SQLite database is synchronized from the entities, without migrations`, async () => {
      const [loaded] = await loadSubgraphs(readSubgraphManifest().filter((entry) => entry.name === name));
      const database = await loaded!.module.open({ url: ":memory:" });
      try {
        expect(database.options.synchronize).toBe(true);
        const tables: { name: string }[] = await database.query(
          "SELECT name FROM sqlite_master WHERE type = 'table'",
        );
        const tableNames = tables.map((table) => table.name);
        expect(tableNames).toEqual(expect.arrayContaining(database.entityMetadatas.map((m) => m.tableName)));
        expect(tableNames).not.toContain("migrations");
        expect(await pendingSchemaChanges(database)).toEqual([]);
      } finally {
        await database.destroy();
      }
    });
  }
});
