// The cities subgraph's schema: pure, no I/O.
import { buildSubgraph, type Subgraph } from "@twingraph/kit";
import { CityResolver } from "./resolvers/city.resolver";
import { cityReferenceResolvers } from "./resolvers/city.reference";

export function buildCitiesSubgraph(): Promise<Subgraph> {
  return buildSubgraph({ resolvers: [CityResolver], referenceResolvers: cityReferenceResolvers });
}
