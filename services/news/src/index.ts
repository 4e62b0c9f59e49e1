// The news subgraph as a library: entities, schema, database, writes and what the kit edits.
import type { SubgraphPackage } from "@twingraph/kit/subgraph";
import { buildNewsSubgraph } from "./schema";
import { serveNews } from "./serve";
import { NEWS, openNewsDatabase } from "./server";

export { newsEditRegistry } from "./editing";
export * from "./entities";
export * from "./ingest";
export { newsSeenRoutes, seenNewsItem } from "./news-seen-route";
export { buildNewsSubgraph } from "./schema";
export { serveNews } from "./serve";
export { NEWS, openNewsDatabase } from "./server";

/** found by tools through schema/subgraphs.json */
export const subgraph: SubgraphPackage = {
  name: NEWS.name,
  build: buildNewsSubgraph,
  open: openNewsDatabase,
  serve: serveNews,
};
