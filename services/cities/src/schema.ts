// The cities subgraph's schema: pure, no I/O.
import { buildSubgraph, type Subgraph } from "@twingraph/kit/subgraph";
import { cityReferenceResolvers } from "./resolvers/city.reference";
import { CityResolver } from "./resolvers/city.resolver";

export function buildCitiesSubgraph(): Promise<Subgraph> {
  return buildSubgraph({ resolvers: [CityResolver], referenceResolvers: cityReferenceResolvers });
}
