// The changes subgraph's write path for the seed and imports (run by the seed's writeGraph): the
// changeset that a seed or an import is, recorded APPLIED as it writes, so that its versions name
// their author and comment and a bad import can be reverted as a whole.
import type { Person } from "@twingraph/kit/subgraph";
import { type EntityManager, In } from "typeorm";
import { Changeset, ChangesetKind, ChangesetStatus } from "./entities";

export interface ImportChangeset {
  /** from newChangesetId(author.id) */
  id: string;
  kind: ChangesetKind.SEED | ChangesetKind.IMPORT | "SEED" | "IMPORT";
  /** the importing account */
  author: Person;
  comment: string;
  /** the data subgraphs written so far */
  subgraphs: readonly string[];
  /** ISO 8601, when the import began */
  createdAt: string;
}

/**
 * Records the changeset, or updates it as the import goes on (the subgraphs it wrote); the last
 * call's time is when it was applied.
 */
export async function recordImportChangeset(manager: EntityManager, record: ImportChangeset): Promise<void> {
  await manager.getRepository(Changeset).upsert(
    {
      id: record.id,
      comment: record.comment,
      kind: record.kind as ChangesetKind,
      status: ChangesetStatus.APPLIED,
      phase: null,
      statusBeforeApply: null,
      authorId: record.author.id,
      authorName: record.author.name,
      createdAt: record.createdAt,
      submittedAt: null,
      reviewerId: null,
      reviewerName: null,
      reviewedAt: new Date().toISOString(),
      reviewComment: null,
      revertOf: null,
      revertedBy: null,
      subgraphs: [...record.subgraphs],
    },
    ["id"],
  );
}

/** Removes an import's changeset that changed no record (a file imported again): it holds nothing to review or revert. */
export async function dropUnchangedImportChangeset(manager: EntityManager, id: string): Promise<void> {
  await manager
    .getRepository(Changeset)
    .delete({ id, kind: In([ChangesetKind.SEED, ChangesetKind.IMPORT]), status: ChangesetStatus.APPLIED });
}
