// The cities subgraph as a library: entities, schema and database, for the gateway, seed and tests.
export * from "./entities";
export { buildCitiesSubgraph } from "./schema";
export { CITIES, openCitiesDatabase } from "./server";
export * from "./store";
