// Resolves Project and Programme references from other subgraphs, batched per request.
import type { SubgraphContext } from "@twingraph/kit/subgraph";
import { programmeLoader, projectLoader } from "./projects.loaders";

export const projectsReferenceResolvers = {
  Project: {
    __resolveReference(reference: { id: string }, context: SubgraphContext) {
      return projectLoader(context).load(reference.id);
    },
  },
  Programme: {
    __resolveReference(reference: { id: string }, context: SubgraphContext) {
      return programmeLoader(context).load(reference.id);
    },
  },
};
