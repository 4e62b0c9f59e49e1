// @twingraph/kit/text: rules for names, countries, dates, sources and distances, without GraphQL or
// a database, for subgraphs, the seed and the importers alike.
export * from "./countries";
export * from "./dates";
export * from "./distances";
export * from "./names";
export * from "./news-lookups";
export * from "./sources";
