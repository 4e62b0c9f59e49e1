// The cities subgraph's schema: pure, no I/O.
import { buildSubgraph, type Subgraph } from "@twingraph/kit/subgraph";
import { cityEditRegistry } from "./editing";
import { cityReferenceResolvers } from "./resolvers/city.reference";
import { CityResolver } from "./resolvers/city.resolver";
import { CityEditResolver } from "./resolvers/city-edit.resolver";

export function buildCitiesSubgraph(): Promise<Subgraph> {
  return buildSubgraph({
    resolvers: [CityResolver, CityEditResolver],
    referenceResolvers: cityReferenceResolvers,
    editing: cityEditRegistry,
  });
}
