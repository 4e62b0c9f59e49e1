// Runs the agreements subgraph: env -> database -> server -> listen.
import { listenSubgraph, portFromEnv } from "@twingraph/kit";
import { buildAgreementsSubgraph } from "./schema";
import { AGREEMENTS, openAgreementsDatabase } from "./server";

async function main(): Promise<void> {
  const [db, subgraph] = await Promise.all([openAgreementsDatabase(), buildAgreementsSubgraph()]);
  await listenSubgraph(AGREEMENTS.name, subgraph.schema, db, portFromEnv("AGREEMENTS_PORT", AGREEMENTS.port));
}

main().catch((error: unknown) => {
  console.error(
    `The ${AGREEMENTS.name} subgraph could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
