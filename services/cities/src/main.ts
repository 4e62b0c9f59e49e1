// Runs the cities subgraph: env -> database -> server -> listen; drains on SIGTERM and SIGINT.
import { portFromEnv, requireGatewaySecret, shutdownOnSignals } from "@twingraph/kit/http";
import { defaultPort } from "@twingraph/kit/manifest";
import { listenSubgraph } from "@twingraph/kit/subgraph";
import { locationRoutes } from "./locations-route";
import { placeCandidateRoutes } from "./place-candidates-route";
import { buildCitiesSubgraph } from "./schema";
import { CITIES, openCitiesDatabase } from "./server";

async function main(): Promise<void> {
  const secret = requireGatewaySecret();
  const [db, subgraph] = await Promise.all([openCitiesDatabase(), buildCitiesSubgraph()]);
  const running = await listenSubgraph(CITIES.name, subgraph.schema, db, {
    port: portFromEnv("CITIES_PORT", defaultPort(CITIES.name)),
    host: process.env.HOST || undefined,
    secret,
    editing: subgraph.editing,
    routes: { ...locationRoutes(db), ...placeCandidateRoutes(db) },
  });
  shutdownOnSignals(running, { service: CITIES.name, release: () => db.destroy() });
}

main().catch((error: unknown) => {
  console.error(
    `The ${CITIES.name} subgraph could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
