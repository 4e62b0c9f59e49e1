// The projects subgraph as a library: entities, schema, database and writes.
import type { SubgraphPackage } from "@twingraph/kit/subgraph";
import { buildProjectsSubgraph } from "./schema";
import { serveProjects } from "./serve";
import { openProjectsDatabase, PROJECTS } from "./server";

export * from "./editing";
export * from "./entities";
export * from "./ingest";
export { buildProjectsSubgraph } from "./schema";
export { serveProjects } from "./serve";
export { openProjectsDatabase, PROJECTS } from "./server";

/** found by tools through schema/subgraphs.json */
export const subgraph: SubgraphPackage = {
  name: PROJECTS.name,
  build: buildProjectsSubgraph,
  open: openProjectsDatabase,
  serve: serveProjects,
};
