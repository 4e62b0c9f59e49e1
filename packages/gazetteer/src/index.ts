export * from "./candidates";
export * from "./gazetteer";
export * from "./key-index";
