// Whether the databases already hold what seeding would write now, told without opening them: a
// fingerprint of the source documents and the world file, kept in the data directory. Light on
// purpose (no database or gazetteer code): a start that finds the seed current loads none of it.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { defaultDataDir } from "@twingraph/kit/settings";
import { sourceBundles } from "./data";

/** Where `npm start` looks for the world file unless TWINGRAPH_WORLD_FILE says otherwise. */
export function defaultWorldFile(): string {
  return (
    process.env.TWINGRAPH_WORLD_FILE ?? path.resolve(__dirname, "../../../shared/data/world-twinnings.csv")
  );
}

export const WORLD_FILE_HINT =
  "The world twinning network is not loaded: download app/public/twin_cities.csv from the public repository " +
  "Hekman/twincities and run `npm run import -- world <file>` (or set TWINGRAPH_WORLD_FILE before `npm start`).";

export interface SeedState {
  /** the world file seeding would load, when it is there */
  worldFile: string | null;
  /** the databases hold what seeding would write now */
  current: boolean;
  /** records that the databases now hold it */
  markSeeded(): void;
}

/** The seed's state for a world file (default: defaultWorldFile(); null: none). */
export function seedState(worldFileOption?: string | null): SeedState {
  const candidate = worldFileOption === undefined ? defaultWorldFile() : worldFileOption;
  const worldFile = candidate && existsSync(candidate) ? candidate : null;
  const print = fingerprint(worldFile);
  const file = stateFile();
  return {
    worldFile,
    current: existsSync(file) && JSON.parse(readFileSync(file, "utf8")).fingerprint === print,
    markSeeded() {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(
        file,
        JSON.stringify({ fingerprint: print, seededAt: new Date().toISOString() }, null, 2),
      );
    },
  };
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
