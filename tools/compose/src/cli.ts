// `npm run compose` (after each subgraph's `npm run schema`): composes schema/<subgraph>.graphql into
// schema/supergraph.graphql, schema/api.graphql and schema/persisted-operations.json.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { SCHEMA_DIR } from "@twingraph/kit/manifest";
import { composeSupergraph, readSubgraphSdls } from "./compose";

function main(): void {
  const files = composeSupergraph(readSubgraphSdls());
  for (const [name, contents] of files) {
    writeFileSync(path.join(SCHEMA_DIR, name), contents);
    console.log(`wrote schema/${name}`);
  }
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
