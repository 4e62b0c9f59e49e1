// Composes schema/supergraph.graphql from the subgraphs' SDL files and the subgraph manifest.
export * from "./compose";
