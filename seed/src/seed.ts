// Seeding as `npm start` and `npm run seed` do it: the source documents, then the world file when it
// is there, in one writeGraph. A fingerprint of what was loaded lets a later start skip work that is
// already done.
import type { Databases } from "./databases";
import type { Progress } from "./imports/import-report";
import { type PairsReport, writeWorldTwinnings } from "./imports/pairs";
import { type SourcesLoaded, writeSources } from "./load-sources";
import { seedState } from "./seed-state";
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

export async function seed(databases: Databases, options: SeedOptions = {}): Promise<SeedResult> {
  const state = seedState(options.worldFile);
  const { worldFile } = state;
  if (!options.force && state.current) return { skipped: true, worldFile };
  const { sources, world } = await writeGraph(
    databases,
    async (writer) => ({
      sources: await writeSources(writer),
      world: worldFile ? await writeWorldTwinnings(writer, worldFile, options.progress) : undefined,
    }),
    options,
  );
  state.markSeeded();
  return { skipped: false, sources, world, worldFile };
}
