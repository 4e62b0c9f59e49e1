// Resolves Partnership and Agreement references from other subgraphs, batched per request.
import type { SubgraphContext } from "@twingraph/kit/subgraph";
import { agreementLoader, partnershipLoader } from "./agreements.loaders";

export const agreementsReferenceResolvers = {
  Partnership: {
    __resolveReference(reference: { id: string }, context: SubgraphContext) {
      return partnershipLoader(context).load(reference.id);
    },
  },
  Agreement: {
    __resolveReference(reference: { id: string }, context: SubgraphContext) {
      return agreementLoader(context).load(reference.id);
    },
  },
};
