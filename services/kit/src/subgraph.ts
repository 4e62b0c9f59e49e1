// @twingraph/kit/subgraph: what every subgraph is built from: its database, federation schema,
// server, per-request loaders, argument checks and the value types (Country, Source) all return.
import "reflect-metadata";

export * from "./args";
export * from "./batches";
export * from "./country";
export * from "./data-dir";
export * from "./data-revision";
export * from "./database";
export * from "./editing";
export * from "./errors";
export * from "./federation";
export * from "./loaders";
export * from "./manifest";
export * from "./migrations";
export * from "./plain-rows";
export * from "./schema-file";
export * from "./source";
export * from "./sql";
export * from "./subgraph-package";
export * from "./subgraph-server";
export * from "./viewer";
