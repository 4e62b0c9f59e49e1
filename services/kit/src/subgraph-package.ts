// What every subgraph package exports as `subgraph`, so that tools find all of them through the
// manifest instead of a list of imports: its name, schema builder and database opener.
import type { DataSource } from "typeorm";
import type { DatabaseOptions } from "./database";
import type { Subgraph } from "./federation";
import { readSubgraphManifest, type SubgraphEntry } from "./manifest";

export interface SubgraphPackage {
  name: string;
  build(): Promise<Subgraph>;
  open(options?: Partial<DatabaseOptions>): Promise<DataSource>;
}

export interface LoadedSubgraph extends SubgraphEntry {
  module: SubgraphPackage;
}

/** Every subgraph of the manifest, its package imported (each exports `subgraph`). */
export async function loadSubgraphs(entries = readSubgraphManifest()): Promise<LoadedSubgraph[]> {
  return Promise.all(
    entries.map(async (entry) => {
      const imported = (await import(entry.package)) as { subgraph?: SubgraphPackage };
      const module = imported.subgraph;
      if (!module || module.name !== entry.name)
        throw new Error(`${entry.package} must export \`subgraph\` named "${entry.name}"`);
      return { ...entry, module };
    }),
  );
}
