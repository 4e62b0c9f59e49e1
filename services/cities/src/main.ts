// Runs the cities subgraph: env -> database -> server -> listen.
import { portFromEnv } from "@twingraph/kit/http";
import { defaultPort } from "@twingraph/kit/manifest";
import { listenSubgraph } from "@twingraph/kit/subgraph";
import { buildCitiesSubgraph } from "./schema";
import { CITIES, openCitiesDatabase } from "./server";

async function main(): Promise<void> {
  const [db, subgraph] = await Promise.all([openCitiesDatabase(), buildCitiesSubgraph()]);
  await listenSubgraph(
    CITIES.name,
    subgraph.schema,
    db,
    portFromEnv("CITIES_PORT", defaultPort(CITIES.name)),
  );
}

main().catch((error: unknown) => {
  console.error(
    `The ${CITIES.name} subgraph could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
