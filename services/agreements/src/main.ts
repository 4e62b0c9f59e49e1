// Runs the agreements subgraph: env -> database -> server -> listen.
import { portFromEnv } from "@twingraph/kit/http";
import { defaultPort } from "@twingraph/kit/manifest";
import { listenSubgraph } from "@twingraph/kit/subgraph";
import { warmNetwork } from "./network/warm";
import { buildAgreementsSubgraph } from "./schema";
import { AGREEMENTS, openAgreementsDatabase } from "./server";

async function main(): Promise<void> {
  const [db, subgraph] = await Promise.all([openAgreementsDatabase(), buildAgreementsSubgraph()]);
  await listenSubgraph(
    AGREEMENTS.name,
    subgraph.schema,
    db,
    portFromEnv("AGREEMENTS_PORT", defaultPort(AGREEMENTS.name)),
  );
  if (process.env.TWINGRAPH_WARM_NETWORK !== "0")
    warmNetwork(db).catch((error: unknown) =>
      console.error(
        `agreements: could not compute the whole-network measures: ${error instanceof Error ? error.message : error}`,
      ),
    );
}

main().catch((error: unknown) => {
  console.error(
    `The ${AGREEMENTS.name} subgraph could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
