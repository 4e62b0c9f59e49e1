// A subgraph's SDL file, schema/<name>.graphql: its own package writes it (`npm run schema`) and
// checks it in its tests; composition reads only these files, never the subgraph's code.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SCHEMA_DIR, subgraphSchemaFile } from "./manifest";
import type { SubgraphPackage } from "./subgraph-package";

/** what to do when a checked-in SDL file is missing or differs from what its package builds */
export const REFRESH_SCHEMA_HINT = "run `npm run compose`";

/** Builds the subgraph and writes its SDL; returns the file written. */
export async function writeSubgraphSchema(
  subgraph: SubgraphPackage,
  file = subgraphSchemaFile(subgraph.name),
): Promise<string> {
  const { sdl } = await subgraph.build();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, sdl);
  return file;
}

/** The checked-in SDL of a subgraph, for its package's staleness test. */
export function readSubgraphSchema(name: string, file = subgraphSchemaFile(name)): string {
  if (!existsSync(file)) throw new Error(`${file} is missing: ${REFRESH_SCHEMA_HINT}`);
  return readFileSync(file, "utf8");
}

/** The body of a package's `npm run schema` CLI: writes the file, or says why not and exits non-zero. */
export function runSchemaWriter(subgraph: SubgraphPackage): void {
  writeSubgraphSchema(subgraph).then(
    (file) => console.log(`wrote ${path.relative(path.dirname(SCHEMA_DIR), file)}`),
    (error: unknown) => {
      console.error(`${subgraph.name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
