// The subgraph databases the seed writes, opened from the subgraph manifest (schema/subgraphs.json)
// through each package's `subgraph.open`: the four that hold the data, and changes, where every
// seed and import is recorded as a changeset.
import { readSubgraphManifest } from "@twingraph/kit/manifest";
import { type DatabaseOptions, loadSubgraphs } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";

export const DATA_SUBGRAPHS = ["cities", "agreements", "projects", "news"] as const;
export const SEEDED_SUBGRAPHS = [...DATA_SUBGRAPHS, "changes"] as const;

export type SeededSubgraph = (typeof SEEDED_SUBGRAPHS)[number];
/** a subgraph whose records the seed and imports write */
export type DataSubgraph = (typeof DATA_SUBGRAPHS)[number];

/** Each seeded subgraph's open database, by name. */
export type Databases = Record<SeededSubgraph, DataSource>;

export async function openDatabases(options: Partial<DatabaseOptions> = {}): Promise<Databases> {
  const seeded = new Set<string>(SEEDED_SUBGRAPHS);
  // only the packages the seed writes: another subgraph's code need not load here
  const subgraphs = await loadSubgraphs(readSubgraphManifest().filter((entry) => seeded.has(entry.name)));
  const opened = await Promise.all(
    SEEDED_SUBGRAPHS.map(async (name) => {
      const subgraph = subgraphs.find((candidate) => candidate.name === name);
      if (!subgraph)
        throw new Error(`The seed writes the ${name} subgraph, which the manifest does not list.`);
      return [name, await subgraph.module.open(options)] as const;
    }),
  );
  return Object.fromEntries(opened) as Databases;
}

export async function closeDatabases(databases: Databases): Promise<void> {
  await Promise.all(Object.values(databases).map((db: DataSource) => db.destroy()));
}
