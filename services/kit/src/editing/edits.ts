// Edits as a review shows them: the fields each changes. An applied edit shows the version it
// wrote; any other shows its effect on the record as it is now.
import { type EntityManager, In } from "typeorm";
import { findInBatches, groupBy } from "../batches";
import type { EditRegistry } from "./editable";
import { RecordVersion, StagedEdit } from "./entities";
import type { FieldChange, ProposedEdit } from "./history-types";
import { fieldChanges } from "./json";
import { editedState } from "./outcome";
import { type RecordState, readRecords, recordKey } from "./records";

/** A changeset's edits in this subgraph, in the order they were staged. */
export async function editsOf(
  manager: EntityManager,
  registry: EditRegistry,
  changesetId: string,
): Promise<ProposedEdit[]> {
  const edits = await manager
    .getRepository(StagedEdit)
    .find({ where: { changesetId }, order: { id: "ASC" } });
  return proposedEdits(manager, registry, edits);
}

/** The view a mutation returns for the edit it staged, with the fields it would change. */
export async function proposedEdit(
  manager: EntityManager,
  registry: EditRegistry,
  edit: StagedEdit,
): Promise<ProposedEdit> {
  const [proposed] = await proposedEdits(manager, registry, [edit]);
  return proposed;
}

export async function proposedEdits(
  manager: EntityManager,
  registry: EditRegistry,
  edits: readonly StagedEdit[],
): Promise<ProposedEdit[]> {
  const written = await versionsWrittenBy(manager, edits);
  const current = await currentStates(
    manager,
    registry,
    edits.filter((edit) => !written.has(edit.id)),
  );
  return edits.map((edit) => {
    const version = written.get(edit.id);
    const before = current.get(recordKey(edit.entity, edit.recordId)) ?? null;
    const changes: FieldChange[] = version
      ? fieldChanges(version.before, version.after)
      : fieldChanges(before, editedState(edit, before));
    return {
      subgraph: registry.subgraph,
      entity: edit.entity,
      recordId: edit.recordId,
      op: edit.op,
      state: edit.state,
      baseVersion: edit.baseVersion,
      changes,
      source: edit.source,
      authorName: edit.authorName,
      createdAt: edit.createdAt,
    };
  });
}

/**
 * The version each applied edit wrote, by edit id: a changeset's edits of one record were applied
 * in the order they were staged, one version each.
 */
async function versionsWrittenBy(
  manager: EntityManager,
  edits: readonly StagedEdit[],
): Promise<Map<number, RecordVersion>> {
  const applied = edits.filter((edit) => edit.state === "APPLIED");
  const written = new Map<number, RecordVersion>();
  if (applied.length === 0) return written;
  const changesetIds = [...new Set(applied.map((edit) => edit.changesetId))];
  const rows = await findInBatches(changesetIds, (batch) =>
    manager
      .getRepository(RecordVersion)
      .find({ where: { changesetId: In(batch) }, order: { version: "ASC" } }),
  );
  const keyOf = (item: { changesetId: string; entity: string; recordId: string }) =>
    `${item.changesetId}\u0000${recordKey(item.entity, item.recordId)}`;
  const versionsOf = groupBy(rows, keyOf);
  const editsByRecord = groupBy(
    [...applied].sort((a, b) => a.id - b.id),
    keyOf,
  );
  for (const [key, recordEdits] of editsByRecord) {
    const versions = versionsOf.get(key) ?? [];
    recordEdits.forEach((edit, index) => {
      if (versions[index]) written.set(edit.id, versions[index]);
    });
  }
  return written;
}

/** The current state of each record these edits touch, by recordKey. */
async function currentStates(
  manager: EntityManager,
  registry: EditRegistry,
  edits: readonly StagedEdit[],
): Promise<Map<string, RecordState>> {
  const states = new Map<string, RecordState>();
  for (const [entityName, entityEdits] of groupBy(edits, (edit) => edit.entity)) {
    const ids = entityEdits.map((edit) => edit.recordId);
    for (const [id, record] of await readRecords(manager, registry.get(entityName), ids))
      states.set(recordKey(entityName, id), record.state);
  }
  return states;
}
