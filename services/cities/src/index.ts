// The cities subgraph as a library: entities, schema and database, for the gateway, seed and tests.
import type { SubgraphPackage } from "@twingraph/kit/subgraph";
import { buildCitiesSubgraph } from "./schema";
import { serveCities } from "./serve";
import { CITIES, openCitiesDatabase } from "./server";

export { cityEditRegistry } from "./editing";
export * from "./entities";
export * from "./ingest";
export { locationRoutes } from "./locations-route";
export { placeCandidateRoutes, placeCandidates } from "./place-candidates-route";
export { buildCitiesSubgraph } from "./schema";
export { serveCities } from "./serve";
export { CITIES, openCitiesDatabase } from "./server";

/** found by tools through schema/subgraphs.json */
export const subgraph: SubgraphPackage = {
  name: CITIES.name,
  build: buildCitiesSubgraph,
  open: openCitiesDatabase,
  serve: serveCities,
};
