// Seeding as `npm start` and `npm run seed` do it: the source documents, then the world file when it
// is there. A fingerprint of what was loaded lets a later start skip work that is already done.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type DataVersion, dataVersionFromEnv } from "@twingraph/kit/http";
import { defaultDataDir } from "@twingraph/kit/subgraph";
import { sourceBundles } from "./data";
import type { Databases } from "./databases";
import { measurePartnerships } from "./distances";
import type { Progress } from "./imports/import-report";
import { defaultWorldFile, importWorldTwinnings, type PairsReport } from "./imports/pairs";
import { loadSources, type SourcesLoaded } from "./load-sources";

export interface SeedResult {
  skipped: boolean;
  sources?: SourcesLoaded;
  world?: PairsReport;
  worldFile: string | null;
}

export interface SeedOptions {
  worldFile?: string | null;
  /** seed even when the fingerprint says it was done */
  force?: boolean;
  progress?: Progress;
  /** moved on after seeding, so a running gateway's cached answers give way; default: from the env */
  dataVersion?: DataVersion;
}

function fingerprint(worldFile: string | null): string {
  const hash = createHash("sha256").update(JSON.stringify(sourceBundles));
  if (worldFile) {
    const stat = statSync(worldFile);
    hash.update(`${path.resolve(worldFile)}:${stat.size}:${stat.mtimeMs}`);
  }
  return hash.digest("hex");
}

function stateFile(): string {
  const target = process.env.DATABASE_URL ?? defaultDataDir();
  const suffix = createHash("sha256").update(target).digest("hex").slice(0, 12);
  return path.join(defaultDataDir(), `seed-state-${suffix}.json`);
}

export async function seed(databases: Databases, options: SeedOptions = {}): Promise<SeedResult> {
  const candidate = options.worldFile === undefined ? defaultWorldFile() : options.worldFile;
  const worldFile = candidate && existsSync(candidate) ? candidate : null;
  const print = fingerprint(worldFile);
  const state = stateFile();
  if (!options.force && existsSync(state) && JSON.parse(readFileSync(state, "utf8")).fingerprint === print) {
    return { skipped: true, worldFile };
  }
  const sources = await loadSources(databases);
  const world = worldFile ? await importWorldTwinnings(databases, worldFile, options.progress) : undefined;
  if (world) await measurePartnerships(databases);
  mkdirSync(path.dirname(state), { recursive: true });
  writeFileSync(state, JSON.stringify({ fingerprint: print, seededAt: new Date().toISOString() }, null, 2));
  await advanceDataVersion(options.dataVersion);
  return { skipped: false, sources, world, worldFile };
}

export const WORLD_FILE_HINT =
  "The world twinning network is not loaded: download app/public/twin_cities.csv from the public repository " +
  "Hekman/twincities and run `npm run import -- world <file>` (or set TWINGRAPH_WORLD_FILE before `npm start`).";

async function advanceDataVersion(given: DataVersion | undefined): Promise<void> {
  const dataVersion = given ?? dataVersionFromEnv();
  try {
    await dataVersion.advance();
  } finally {
    if (!given) await dataVersion.close();
  }
}
