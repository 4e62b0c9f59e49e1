// The gateway as a library: composition, the gateway itself and the subgraph list.
export * from "./compose";
export * from "./export";
export { fetchNetwork, filterFromParameters, type NetworkFilterInput } from "./export/network-query";
export { exportPath } from "./export/route";
export * from "./gateway";
export * from "./persisted-operations";
export * from "./response-cache";
export * from "./server";
export * from "./subgraphs";
