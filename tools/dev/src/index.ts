// @twingraph/dev: running the parts on one machine — `npm start`'s stack and its supervisor — and
// subgraphs served inside a process, for tests, benchmarks and the export CLI.
export * from "./in-process";
export * from "./stack";
export * from "./supervisor";
