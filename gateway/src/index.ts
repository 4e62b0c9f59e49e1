// The gateway as a library: the supergraph it reads, the gateway itself, its exports and caches, and
// the tokens it verifies.
export * from "./auth";
export * from "./data-version";
export * from "./export";
export { fetchNetwork, filterFromParameters, type NetworkFilterInput } from "./export/network-query";
export { exportPath } from "./export/route";
export * from "./gateway";
export * from "./persisted-operations";
export * from "./rate-limit";
export * from "./rate-limit-config";
export * from "./response-cache";
export * from "./server";
export { narrowCachePolicy } from "./subgraph-client";
export * from "./supergraph";
