// Seeding as `npm start` and `npm run seed` do it: the source documents, then the world file when it
// is there, in one writeGraph. A fingerprint of what was loaded lets a later start skip work that is
// already done.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { defaultDataDir } from "@twingraph/kit/subgraph";
import { sourceBundles } from "./data";
import type { Databases } from "./databases";
import type { Progress } from "./imports/import-report";
import { defaultWorldFile, type PairsReport, writeWorldTwinnings } from "./imports/pairs";
import { type SourcesLoaded, writeSources } from "./load-sources";
import { type WriteGraphOptions, writeGraph } from "./write-graph";

export interface SeedResult {
  skipped: boolean;
  sources?: SourcesLoaded;
  world?: PairsReport;
  worldFile: string | null;
}

export interface SeedOptions extends WriteGraphOptions {
  worldFile?: string | null;
  /** seed even when the fingerprint says it was done */
  force?: boolean;
  progress?: Progress;
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
  const { sources, world } = await writeGraph(
    databases,
    async (writer) => ({
      sources: await writeSources(writer),
      world: worldFile ? await writeWorldTwinnings(writer, worldFile, options.progress) : undefined,
    }),
    options,
  );
  mkdirSync(path.dirname(state), { recursive: true });
  writeFileSync(state, JSON.stringify({ fingerprint: print, seededAt: new Date().toISOString() }, null, 2));
  return { skipped: false, sources, world, worldFile };
}

export const WORLD_FILE_HINT =
  "The world twinning network is not loaded: download app/public/twin_cities.csv from the public repository " +
  "Hekman/twincities and run `npm run import -- world <file>` (or set TWINGRAPH_WORLD_FILE before `npm start`).";
