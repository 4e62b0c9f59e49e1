// The projects subgraph as a library: entities, schema, database and writes.
export * from "./entities";
export { sharedByAtLeast } from "./resolvers/refs.resolver";
export { buildProjectsSubgraph } from "./schema";
export { openProjectsDatabase, PROJECTS } from "./server";
export * from "./store";
