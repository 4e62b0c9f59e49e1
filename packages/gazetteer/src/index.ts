export * from "./gazetteer";
