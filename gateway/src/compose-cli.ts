// `npm run compose`: writes schema/<subgraph>.graphql and schema/supergraph.graphql.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { composeSupergraph, SCHEMA_DIR } from "./compose";

async function main(): Promise<void> {
  const { files } = await composeSupergraph();
  mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const [name, contents] of files) {
    writeFileSync(path.join(SCHEMA_DIR, name), contents);
    console.log(`wrote schema/${name}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
