// `npm run codegen -w @twingraph/e2e`: regenerates test/clients/generated/ from schema/api.graphql and
// test/clients/operations, as GraphQL Code Generator's CLI would (it cannot be installed here).
import { generateClientCode, writeGeneratedFiles } from "./codegen";

async function main(): Promise<void> {
  const changed = writeGeneratedFiles(await generateClientCode());
  console.log(changed.length === 0 ? "generated client code is up to date" : `wrote ${changed.join(", ")}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
