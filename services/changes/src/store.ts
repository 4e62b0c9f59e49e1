// The changeset rows: read, created, and moved from one status to the next only by compare-and-set,
// so that of two reviewers acting at once exactly one moves it.
import { newChangesetId, type Person, type Viewer } from "@twingraph/kit/subgraph";
import type { EntityManager, FindOptionsWhere } from "typeorm";
import { Changeset, ChangesetKind, ChangesetStatus } from "./entities";

/** What the columns may be set to; subgraphs as a plain list (the column is JSON). */
export type ChangesetUpdate = Partial<Omit<Changeset, "id" | "subgraphs">> & { subgraphs?: string[] };

export function findChangeset(manager: EntityManager, id: string): Promise<Changeset | null> {
  return manager.getRepository(Changeset).findOneBy({ id });
}

/** The row as it is now: it exists, as the caller just read or wrote it. */
export async function readChangeset(manager: EntityManager, id: string): Promise<Changeset> {
  const changeset = await findChangeset(manager, id);
  if (!changeset) throw new Error(`changeset ${id} vanished`);
  return changeset;
}

/**
 * One UPDATE that changes the row only when it still holds `expected`: true when it did. Both
 * databases evaluate the condition on the row as it is when the UPDATE takes it, so two of these
 * racing on one row never both succeed.
 */
export async function compareAndSet(
  manager: EntityManager,
  id: string,
  expected: FindOptionsWhere<Changeset>,
  values: ChangesetUpdate,
): Promise<boolean> {
  const result = await manager.getRepository(Changeset).update({ ...expected, id }, values);
  return result.affected === 1;
}

export interface NewChangeset {
  author: Viewer;
  comment: string;
  kind: ChangesetKind;
  revertOf?: string | null;
  /** an id made for the author beforehand (newChangesetId): ingestNews checks its edits under it first */
  id?: string;
}

export async function insertChangeset(manager: EntityManager, fields: NewChangeset): Promise<Changeset> {
  const changeset = manager.getRepository(Changeset).create({
    // bound to its author, so that each subgraph lets only the author stage edits in it
    id: fields.id ?? newChangesetId(fields.author.subject),
    comment: fields.comment,
    kind: fields.kind,
    status: ChangesetStatus.OPEN,
    phase: null,
    statusBeforeApply: null,
    authorId: fields.author.subject,
    authorName: fields.author.name,
    createdAt: new Date().toISOString(),
    submittedAt: null,
    reviewerId: null,
    reviewerName: null,
    reviewedAt: null,
    reviewComment: null,
    revertOf: fields.revertOf ?? null,
    revertedBy: null,
    subgraphs: [],
  });
  await manager.getRepository(Changeset).insert(changeset);
  return changeset;
}

/** The account as the participants name people. */
export function personOf(viewer: Viewer): Person {
  return { id: viewer.subject, name: viewer.name };
}
