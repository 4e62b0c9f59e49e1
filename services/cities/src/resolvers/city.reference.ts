// Resolves City references from other subgraphs, batched per request.
import type { SubgraphContext } from "@twingraph/kit/subgraph";
import { cityLoader } from "./city.loaders";

export const cityReferenceResolvers = {
  City: {
    __resolveReference(reference: { id: string }, context: SubgraphContext) {
      return cityLoader(context).load(reference.id);
    },
  },
};
