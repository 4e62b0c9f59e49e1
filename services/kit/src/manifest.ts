// The subgraph manifest, schema/subgraphs.json: each subgraph's name, package, default port and URL.
// Composition, `npm start`, the seed and the tests read this one list; adding a subgraph is adding
// its package and a line here.
import { readFileSync } from "node:fs";
import path from "node:path";

export interface SubgraphEntry {
  /** the subgraph's name in the supergraph, its database and its SDL file (schema/<name>.graphql) */
  name: string;
  /** the workspace package that exports `subgraph` (a SubgraphPackage) and `./main` */
  package: string;
  port: number;
  url: string;
}

export const SCHEMA_DIR = path.resolve(__dirname, "../../../schema");
export const MANIFEST_FILE = path.join(SCHEMA_DIR, "subgraphs.json");

export function readSubgraphManifest(file = MANIFEST_FILE): SubgraphEntry[] {
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { subgraphs?: unknown };
  if (!Array.isArray(parsed.subgraphs)) throw new Error(`${file}: expected { "subgraphs": [...] }`);
  return parsed.subgraphs.map((entry: Partial<SubgraphEntry>, index) => {
    const { name, package: packageName, port, url } = entry;
    if (typeof name !== "string" || !/^[a-z][a-z0-9_]*$/.test(name))
      throw new Error(`${file}: subgraph ${index + 1} needs a lower-case "name"`);
    if (typeof packageName !== "string") throw new Error(`${file}: subgraph "${name}" needs a "package"`);
    if (!Number.isInteger(port)) throw new Error(`${file}: subgraph "${name}" needs a numeric "port"`);
    if (typeof url !== "string") throw new Error(`${file}: subgraph "${name}" needs a "url"`);
    return { name, package: packageName, port: port as number, url };
  });
}

/** The SDL file a subgraph writes and composition reads. */
export function subgraphSchemaFile(name: string): string {
  return path.join(SCHEMA_DIR, `${name}.graphql`);
}

/** The port a subgraph listens on when its <NAME>_PORT variable is not set. */
export function defaultPort(name: string): number {
  const entry = readSubgraphManifest().find((candidate) => candidate.name === name);
  if (!entry) throw new Error(`No subgraph "${name}" in ${MANIFEST_FILE}`);
  return entry.port;
}
