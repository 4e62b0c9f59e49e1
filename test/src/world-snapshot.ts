// The world file imported once per test run: the world project's global setup starts a process that
// writes the source-derived graph plus the world file into one SQLite file per subgraph, beside the
// import's report, while the other lanes' tests run; each world test waits for it and opens a copy
// of its own instead of importing 25,917 rows again.
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadSubgraphs } from "@twingraph/kit/subgraph";
import {
  closeDatabases,
  type Databases,
  defaultWorldFile,
  importWorldTwinnings,
  loadSources,
  type PairsReport,
} from "@twingraph/seed";
import { type Federation, inProcessFederation, type SubgraphName, sqliteFile } from "./harness";

declare module "vitest" {
  export interface ProvidedContext {
    /** the snapshot's directory; null when the world file is absent */
    worldSnapshot: string | null;
  }
}

const REPORT_FILE = "world-import-report.json";
/** written last: the snapshot is whole */
const READY_FILE = "ready";
/** written instead when the import failed, with the reason */
const FAILED_FILE = "failed";
/** how long a world test waits for the snapshot: a bound for a loaded machine, not a speed claim */
const SNAPSHOT_WAIT_MS = 10 * 60_000;

/** Imports the sources and the world file into SQLite files in `directory`, whole and closed. */
export async function writeWorldSnapshot(directory: string, worldFile: string): Promise<PairsReport> {
  const databases = await openSnapshotDatabases(directory);
  try {
    await loadSources(databases);
    const report = await importWorldTwinnings(databases, worldFile);
    writeFileSync(path.join(directory, REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
    await checkpoint(databases);
    return report;
  } finally {
    await closeDatabases(databases);
  }
}

/** Writes the snapshot and then its ready mark, or the failure mark with the reason. */
export async function writeAndMarkWorldSnapshot(directory: string, worldFile: string): Promise<void> {
  try {
    await writeWorldSnapshot(directory, worldFile);
    writeFileSync(path.join(directory, READY_FILE), "");
  } catch (error) {
    writeFileSync(
      path.join(directory, FAILED_FILE),
      error instanceof Error ? (error.stack ?? error.message) : String(error),
    );
    throw error;
  }
}

/** Resolves once the snapshot is whole; throws with the import's failure if it failed. */
async function snapshotReady(snapshot: string): Promise<void> {
  const deadline = Date.now() + SNAPSHOT_WAIT_MS;
  while (!existsSync(path.join(snapshot, READY_FILE))) {
    const failed = path.join(snapshot, FAILED_FILE);
    if (existsSync(failed))
      throw new Error(`The world snapshot could not be made:\n${readFileSync(failed, "utf8")}`);
    if (Date.now() > deadline)
      throw new Error(`The world snapshot in ${snapshot} was not ready after ${SNAPSHOT_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** SQLite files named as the harness opens them, whatever DATABASE_URL says. */
async function openSnapshotDatabases(directory: string): Promise<Databases> {
  const databases = {} as Databases;
  for (const { name, module } of await loadSubgraphs())
    databases[name as SubgraphName] = await module.open({ url: sqliteFile(directory, name) });
  return databases;
}

/** Moves each write-ahead log into its database file, so that copying the .sqlite file alone is whole. */
async function checkpoint(databases: Databases): Promise<void> {
  for (const database of Object.values(databases)) await database.query("PRAGMA wal_checkpoint(TRUNCATE)");
}

/** What importing the world file into the snapshot reported. */
export async function readWorldReport(snapshot: string): Promise<PairsReport> {
  await snapshotReady(snapshot);
  return JSON.parse(readFileSync(path.join(snapshot, REPORT_FILE), "utf8")) as PairsReport;
}

/** A federation on a fresh copy of the snapshot's databases, removed again when it closes. */
export async function openWorldSnapshot(snapshot: string): Promise<Federation> {
  await snapshotReady(snapshot);
  const directory = mkdtempSync(path.join(tmpdir(), "twingraph-world-copy-"));
  for (const file of readdirSync(snapshot).filter((name) => name.endsWith(".sqlite")))
    copyFileSync(path.join(snapshot, file), path.join(directory, file));
  const federation = await inProcessFederation({ seedSources: false, sqliteDirectory: directory });
  return {
    ...federation,
    async close() {
      await federation.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Why a world test skips: no world file, or no snapshot because it runs outside the world project. */
export function worldSkipReason(snapshot: string | null | undefined): string {
  return snapshot === null
    ? `${defaultWorldFile()} is absent (see ../shared/data/README.md)`
    : "no world snapshot: run it in the world project (npm run test:world), whose global setup imports the world file";
}
