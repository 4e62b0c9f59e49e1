// The projects subgraph as a library: entities, schema, database and writes.
export * from "./entities";
export { buildProjectsSubgraph } from "./schema";
export { openProjectsDatabase, PROJECTS } from "./server";
export * from "./store";
