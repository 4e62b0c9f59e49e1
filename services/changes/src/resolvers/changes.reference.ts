// Resolves Changeset references from other subgraphs, under the same visibility rules.
import { recordLoader, type SubgraphContext } from "@twingraph/kit/subgraph";
import { Changeset } from "../entities";
import { canSee } from "../policy";

export const changesReferenceResolvers = {
  Changeset: {
    async __resolveReference(reference: { id: string }, context: SubgraphContext) {
      const changeset = await recordLoader(context, Changeset, "changeset").load(reference.id);
      return changeset && canSee(context.viewer, changeset) ? changeset : null;
    },
  },
};
