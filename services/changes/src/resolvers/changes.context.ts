// The coordinator over a request's database, and the request's loader of changeset remarks.
import { findInBatches, groupedByKey, type SubgraphContext } from "@twingraph/kit/subgraph";
import type DataLoader from "dataloader";
import { In } from "typeorm";
import { Changes } from "../coordinator";
import { ChangesetComment } from "../entities";

export function changesOf(context: SubgraphContext): Changes {
  return new Changes(context.db);
}

/** A changeset's remarks, oldest first: one statement for all the changesets of a request. */
export function commentsLoader(context: SubgraphContext): DataLoader<string, ChangesetComment[]> {
  return context.loaders.get<string, ChangesetComment[]>("changesetComments", async (ids) => {
    const repository = context.db.getRepository(ChangesetComment);
    const rows = await findInBatches(ids, (batch) =>
      repository.find({ where: { changesetId: In(batch) }, order: { at: "ASC", id: "ASC" } }),
    );
    return groupedByKey(ids, rows, (row) => row.changesetId);
  });
}
