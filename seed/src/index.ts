// Seeding and imports as a library, for `npm start`, the CLIs and tests.
export { sourceBundles } from "./data";
export type * from "./data/types";
export {
  closeDatabases,
  type Databases,
  openDatabases,
  SEEDED_SUBGRAPHS,
  type SeededSubgraph,
} from "./databases";
export * from "./imports";
export { loadSources, type SeedCounts, type SourcesLoaded, writeSources } from "./load-sources";
export { openNewsLookups } from "./news/news-lookups";
export { describeImport, describeSeed, terminalProgress } from "./report";
export { type SeedOptions, type SeedResult, seed } from "./seed";
export { defaultWorldFile, type SeedState, seedState, WORLD_FILE_HINT } from "./seed-state";
export { afterWrite, type GraphWriter, type WriteGraphOptions, writeGraph } from "./write-graph";
