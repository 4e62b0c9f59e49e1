// The shared kit every subgraph is built from: database, federation schema, server, loaders,
// argument checks and the value types (Country, Source) all subgraphs return.
import "reflect-metadata";

export * from "./args";
export * from "./batches";
export * from "./cors";
export * from "./country";
export * from "./data-version";
export * from "./database";
export * from "./errors";
export * from "./federation";
export * from "./http";
export * from "./loaders";
export * from "./names";
export * from "./redis";
export * from "./source";
export * from "./statement-counter";
export * from "./subgraph-server";
