// The embeddable partnership widget: its operations (for the gateway's safelist) and its build.
export * from "./build";
export * from "./operations";
