// Test instrumentation for the packages' own tests.
export * from "./statement-counter";
