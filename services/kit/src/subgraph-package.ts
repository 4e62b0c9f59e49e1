// What every subgraph package exports as `subgraph`, so that tools find all of them through the
// manifest instead of a list of imports: its name, schema builder, database opener and server.
import type { GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";
import type { DatabaseOptions } from "./database";
import type { Subgraph } from "./federation";
import { readSubgraphManifest, type SubgraphEntry } from "./manifest";
import type { RunningServer } from "./serve";

/** A subgraph serving on its port: its server, and the database and schema it serves them from. */
export interface ServedSubgraph {
  running: RunningServer;
  db: DataSource;
  schema: GraphQLSchema;
  /** releases what it holds (its database, background work) once its server has stopped */
  release(): Promise<void>;
}

export interface SubgraphPackage {
  name: string;
  build(): Promise<Subgraph>;
  open(options?: Partial<DatabaseOptions>): Promise<DataSource>;
  /**
   * Serves it as deployed, on <NAME>_PORT with the secret: its routes and background work. Its
   * ./main runs this alone; `npm start -- --single-process` runs every subgraph's in one process.
   */
  serve(secret: string): Promise<ServedSubgraph>;
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
