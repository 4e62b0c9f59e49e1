// The one write path: seeding and every import kind run the steps after a write (distances, the
// revisions of the databases written, the Redis data version) exactly once; a file refused whole
// runs none of them; the revision moves on in each database written and in no other.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openRedis, readRedisDataVersion } from "@twingraph/kit/http";
import { readRevision } from "@twingraph/kit/subgraph";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  afterWrite,
  closeDatabases,
  type Databases,
  IMPORT_COMMANDS,
  importPairs,
  loadSources,
  openDatabases,
  runImport,
  SEEDED_SUBGRAPHS,
  seed,
} from "../src";

const fixture = (name: string) => path.resolve(__dirname, "../../test/fixtures/imports", name);

const IMPORT_FILES: Record<string, string> = {
  pairs: "pairs-minimal.csv",
  world: "pairs-world.csv",
  wikidata: "wikidata.csv",
  projects: "projects.csv",
};

let databases: Databases;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "twingraph-write-graph-"));
  // the seed's fingerprint file goes to the data directory; no Redis unless a test names one
  vi.stubEnv("TWINGRAPH_DATA_DIR", dataDir);
  vi.stubEnv("REDIS_URL", "");
  databases = await openDatabases({ url: ":memory:" });
  await loadSources(databases);
});
afterAll(async () => {
  await closeDatabases(databases);
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

const spies = {
  distances: vi.spyOn(afterWrite, "measureDistances"),
  revisions: vi.spyOn(afterWrite, "advanceRevisions"),
  dataVersion: vi.spyOn(afterWrite, "advanceDataVersion"),
};
beforeEach(() => vi.clearAllMocks());
afterEach(() => vi.clearAllMocks());

function stepCounts() {
  return {
    distances: spies.distances.mock.calls.length,
    revisions: spies.revisions.mock.calls.length,
    dataVersion: spies.dataVersion.mock.calls.length,
  };
}

/** The databases the revision step moved on, by name. */
function revised(): string[] {
  return [...(spies.revisions.mock.calls[0]?.[1] ?? [])].sort();
}

async function revisions(): Promise<Record<string, number>> {
  const entries = await Promise.all(
    SEEDED_SUBGRAPHS.map(async (name) => [name, await readRevision(databases[name].manager)] as const),
  );
  return Object.fromEntries(entries);
}

function command(name: string) {
  const found = IMPORT_COMMANDS.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no ${name} import`);
  return found;
}

describe("the steps after a write", () => {
  it("run once for a seed of the sources and the world file together", async () => {
    const result = await seed(databases, { force: true, worldFile: fixture("pairs-world.csv") });
    expect(result.world?.rowsRead).toBeGreaterThan(0);
    expect(stepCounts()).toEqual({ distances: 1, revisions: 1, dataVersion: 1 });
    expect(revised()).toEqual(["agreements", "cities", "news", "projects"]);
  });

  it.each(Object.keys(IMPORT_FILES))("run once for the %s import", async (kind) => {
    await runImport(command(kind), databases, fixture(IMPORT_FILES[kind]));
    expect(stepCounts()).toEqual({ distances: 1, revisions: 1, dataVersion: 1 });
  });

  it("run once when an import function is called directly, not through runImport", async () => {
    await importPairs(databases, fixture("pairs-minimal.csv"));
    expect(stepCounts()).toEqual({ distances: 1, revisions: 1, dataVersion: 1 });
  });

  it("do not run for a file refused whole, whose revisions stay", async () => {
    const before = await revisions();
    await expect(runImport(command("pairs"), databases, fixture("pairs-cut-off.csv"))).rejects.toThrow(
      /looks cut off/,
    );
    expect(stepCounts()).toEqual({ distances: 0, revisions: 0, dataVersion: 0 });
    expect(await revisions()).toEqual(before);
  });
});

describe("revisions", () => {
  it("move on by one in each database an import wrote, and in no other", async () => {
    const before = await revisions();
    await runImport(command("projects"), databases, fixture("projects.csv"));
    expect(revised()).toEqual(["cities", "projects"]);
    expect(await revisions()).toEqual({
      ...before,
      cities: before.cities + 1,
      projects: before.projects + 1,
    });
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
describe.skipIf(!redisUrl)(
  redisUrl ? "the Redis data version" : "the Redis data version: skipped, TEST_REDIS_URL is not set",
  () => {
    it("moves on once per write", async () => {
      const redis = openRedis(redisUrl as string);
      try {
        const before = Number(await readRedisDataVersion(redis));
        await runImport(command("pairs"), databases, fixture("pairs-minimal.csv"), { redisUrl });
        expect(Number(await readRedisDataVersion(redis))).toBe(before + 1);
      } finally {
        redis.disconnect();
      }
    });
  },
);
