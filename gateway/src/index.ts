// The gateway as a library: composition, the gateway itself and the subgraph list.
export * from "./compose";
export * from "./gateway";
export * from "./server";
export * from "./subgraphs";
