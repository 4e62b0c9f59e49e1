// Seeding and imports as a library, for `npm start`, the CLIs and tests.
export { sourceBundles } from "./data";
export type * from "./data/types";
export { closeDatabases, type Databases, openDatabases } from "./databases";
export { measurePartnerships } from "./distances";
export * from "./imports";
export { loadSources, type SeedCounts } from "./load-sources";
export { describeImport, describeSeed, terminalProgress } from "./report";
export { type SeedResult, seed, WORLD_FILE_HINT } from "./seed";
