// @twingraph/kit/text: rules for names, countries, dates and sources, without GraphQL or a database,
// for subgraphs, the seed and the importers alike.
export * from "./countries";
export * from "./dates";
export * from "./names";
export * from "./sources";
