// Loading the sources is idempotent: a second load, as on every `npm start`, adds no row anywhere.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabases, type Databases, loadSources, openDatabases } from "../src";

// files, as `npm start` uses, reopened between loads as by a second start
const dataDir = mkdtempSync(path.join(tmpdir(), "twingraph-seed-"));
let databases: Databases;
beforeAll(async () => {
  databases = await openDatabases({ dataDir });
});
afterAll(() => closeDatabases(databases));

async function rowCounts(db: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const entity of db.entityMetadatas) {
    counts[entity.tableName] = await db.getRepository(entity.target).count();
  }
  return counts;
}

async function allCounts(): Promise<Record<string, Record<string, number>>> {
  return {
    cities: await rowCounts(databases.cities),
    agreements: await rowCounts(databases.agreements),
    projects: await rowCounts(databases.projects),
    news: await rowCounts(databases.news),
  };
}

describe("loading the sources", () => {
  it("creates every record once and nothing more on a second load", async () => {
    const { counts, gazetteer } = await loadSources(databases);
    expect(gazetteer.unmatched).toEqual([]);
    expect(gazetteer.ambiguous).toEqual([]);
    expect(gazetteer.matched).toBe(counts.cities);
    const first = await allCounts();
    expect(first.cities.city).toBe(counts.cities);
    expect(first.agreements.partnership).toBe(counts.partnerships);
    expect(first.news.visit).toBe(counts.visits);
    await closeDatabases(databases);
    databases = await openDatabases({ dataDir });
    await loadSources(databases);
    expect(await allCounts()).toEqual(first);
  });
});
