// Runs the news subgraph: env -> database -> server -> listen.
import { listenSubgraph, portFromEnv } from "@twingraph/kit";
import { buildNewsSubgraph } from "./schema";
import { NEWS, openNewsDatabase } from "./server";

async function main(): Promise<void> {
  const [db, subgraph] = await Promise.all([openNewsDatabase(), buildNewsSubgraph()]);
  await listenSubgraph(NEWS.name, subgraph.schema, db, portFromEnv("NEWS_PORT", NEWS.port));
}

main().catch((error: unknown) => {
  console.error(
    `The ${NEWS.name} subgraph could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
