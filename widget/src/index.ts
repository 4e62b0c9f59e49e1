// The embeddable partnership widget at run time: its operations (for the gateway's safelist), their
// hash, and the browser files the build wrote. Imports no bundler, React or GraphiQL.
export * from "./built-files";
export * from "./hash";
export * from "./operations";
