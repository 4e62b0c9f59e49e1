// The news subgraph as a library: entities, schema, database and writes.
export * from "./entities";
export { visitsBetween } from "./resolvers/refs.resolver";
export { buildNewsSubgraph } from "./schema";
export { NEWS, openNewsDatabase } from "./server";
export * from "./store";
