// The one write path: seeding and every import kind run the steps after a write (distances, the
// revisions of the databases written, the Redis data version) exactly once; a file refused whole
// runs none of them; the revision moves on in each database written and in no other. Each write is
// a changeset, by the seed or the importing account, that the versions it wrote name.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Changeset } from "@twingraph/changes";
import { openRedis, readRedisDataVersion } from "@twingraph/kit/http";
import { RecordVersion, readRevision } from "@twingraph/kit/subgraph";
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

/** The changesets recorded in the changes database, oldest first. */
function changesets(): Promise<Changeset[]> {
  return databases.changes.getRepository(Changeset).find({ order: { createdAt: "ASC", id: "ASC" } });
}

const importer = { id: "test-importer", name: "Test Importer" };

// first in the file: the imports below run these files again, which then change nothing
describe("changesets", () => {
  it("record the seed as one SEED changeset by the seed account, named by every version it wrote", async () => {
    const [seeded] = await changesets();
    expect(seeded).toMatchObject({
      kind: "SEED",
      status: "APPLIED",
      authorId: "seed",
      authorName: "twingraph seed",
      subgraphs: ["cities", "agreements", "projects", "news"],
    });
    for (const name of seeded.subgraphs) {
      const versions = databases[name as "cities"].getRepository(RecordVersion);
      expect(await versions.countBy({ changesetId: seeded.id })).toBeGreaterThan(0);
      expect(await versions.countBy({ authorName: "twingraph seed" })).toBe(await versions.count());
    }
  });

  it("record an import as an IMPORT changeset by the importing account", async () => {
    const changeset = {
      kind: "IMPORT" as const,
      author: importer,
      comment: "Test import of keep.eu projects",
    };
    await runImport(command("projects"), databases, fixture("projects.csv"), { changeset });
    const recorded = (await changesets()).at(-1) as Changeset;
    expect(recorded).toMatchObject({
      kind: "IMPORT",
      status: "APPLIED",
      authorId: "test-importer",
      authorName: "Test Importer",
      comment: "Test import of keep.eu projects",
      subgraphs: ["cities", "projects"],
    });
    const versions = await databases.projects
      .getRepository(RecordVersion)
      .findBy({ changesetId: recorded.id });
    expect(versions.length).toBeGreaterThan(0);
    expect(versions.every((version) => version.authorName === "Test Importer")).toBe(true);
  });

  it("leave none for an import that changed nothing, nor for a file refused whole", async () => {
    const before = (await changesets()).length;
    await runImport(command("projects"), databases, fixture("projects.csv"));
    await expect(runImport(command("pairs"), databases, fixture("pairs-cut-off.csv"))).rejects.toThrow();
    expect(await changesets()).toHaveLength(before);
  });
});

describe("the steps after a write", () => {
  it("run once for a seed of the sources and the world file together", async () => {
    const result = await seed(databases, { force: true, worldFile: fixture("pairs-world.csv") });
    expect(result.world?.rowsRead).toBeGreaterThan(0);
    expect(stepCounts()).toEqual({ distances: 1, revisions: 1, dataVersion: 1 });
    expect(revised()).toEqual(["agreements", "changes", "cities", "news", "projects"]);
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
    expect(revised()).toEqual(["changes", "cities", "projects"]);
    expect(await revisions()).toEqual({
      ...before,
      changes: before.changes + 1,
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
