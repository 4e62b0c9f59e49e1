// Resolves NewsItem, Visit and Event references from other subgraphs, batched per request.
import type { SubgraphContext } from "@twingraph/kit/subgraph";
import { eventLoader, newsItemLoader, visitLoader } from "./news.loaders";

export const newsReferenceResolvers = {
  NewsItem: {
    __resolveReference(reference: { id: string }, context: SubgraphContext) {
      return newsItemLoader(context).load(reference.id);
    },
  },
  Visit: {
    __resolveReference(reference: { id: string }, context: SubgraphContext) {
      return visitLoader(context).load(reference.id);
    },
  },
  Event: {
    __resolveReference(reference: { id: string }, context: SubgraphContext) {
      return eventLoader(context).load(reference.id);
    },
  },
};
