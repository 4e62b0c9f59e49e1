// Pure network analysis on graphology: snapshots, measures and the worker that computes the slow ones.
// Plain rows in, plain records out: storage and the API's types belong to the caller.
export * from "./centrality-cost";
export * from "./centrality-pool";
export * from "./centrality-worker";
export * from "./measures";
export * from "./partnership";
export * from "./scope";
export * from "./shortest-paths";
export * from "./snapshot";
