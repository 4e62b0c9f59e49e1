// The agreements subgraph as a library: entities, schema, database and writes.
export * from "./entities";
export { buildAgreementsSubgraph } from "./schema";
export { AGREEMENTS, openAgreementsDatabase } from "./server";
export * from "./store";
