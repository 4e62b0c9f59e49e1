// Runs the news subgraph: env -> database -> server -> listen.
import { portFromEnv } from "@twingraph/kit/http";
import { defaultPort } from "@twingraph/kit/manifest";
import { listenSubgraph } from "@twingraph/kit/subgraph";
import { buildNewsSubgraph } from "./schema";
import { NEWS, openNewsDatabase } from "./server";

async function main(): Promise<void> {
  const [db, subgraph] = await Promise.all([openNewsDatabase(), buildNewsSubgraph()]);
  await listenSubgraph(NEWS.name, subgraph.schema, db, portFromEnv("NEWS_PORT", defaultPort(NEWS.name)));
}

main().catch((error: unknown) => {
  console.error(
    `The ${NEWS.name} subgraph could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
