// Runs the cities subgraph: env -> database -> server -> listen.
import { listenSubgraph, portFromEnv } from "@twingraph/kit";
import { buildCitiesSubgraph } from "./schema";
import { CITIES, openCitiesDatabase } from "./server";

async function main(): Promise<void> {
  const [db, subgraph] = await Promise.all([openCitiesDatabase(), buildCitiesSubgraph()]);
  await listenSubgraph(CITIES.name, subgraph.schema, db, portFromEnv("CITIES_PORT", CITIES.port));
}

main().catch((error: unknown) => {
  console.error(
    `The ${CITIES.name} subgraph could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
