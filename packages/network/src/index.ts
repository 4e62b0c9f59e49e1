// Pure network analysis on graphology: snapshots, measures and the worker that computes the slow ones.
export {};
