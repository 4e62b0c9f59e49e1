// Serves the cities subgraph as deployed: its database on CITIES_PORT, with the internal routes the
// changes subgraph takes (locations, place candidates).
import { portFromEnv } from "@twingraph/kit/http";
import { defaultPort } from "@twingraph/kit/manifest";
import { listenSubgraph, type ServedSubgraph } from "@twingraph/kit/subgraph";
import { locationRoutes } from "./locations-route";
import { placeCandidateRoutes } from "./place-candidates-route";
import { buildCitiesSubgraph } from "./schema";
import { CITIES, openCitiesDatabase } from "./server";

export async function serveCities(secret: string): Promise<ServedSubgraph> {
  const [db, subgraph] = await Promise.all([openCitiesDatabase(), buildCitiesSubgraph()]);
  const running = await listenSubgraph(CITIES.name, subgraph.schema, db, {
    port: portFromEnv("CITIES_PORT", defaultPort(CITIES.name)),
    host: process.env.HOST || undefined,
    secret,
    editing: subgraph.editing,
    routes: { ...locationRoutes(db), ...placeCandidateRoutes(db) },
  });
  return { running, db, schema: subgraph.schema, release: () => db.destroy() };
}
