// The news subgraph as a library: entities, schema, database and writes.
export * from "./entities";
export { buildNewsSubgraph } from "./schema";
export { NEWS, openNewsDatabase } from "./server";
export * from "./store";
