// Undoing an applied changeset as a new one: for each record it changed here, an edit that brings
// back the values (sources, rank and reason included) it had before, or deprecates a record it
// created. Staged only when every such record is still as the changeset left it.
import type { DataSource, EntityManager } from "typeorm";
import { groupBy } from "../batches";
import type { SourceRecord } from "../sources";
import { withCurrentValues } from "./apply";
import type { EditRegistry } from "./editable";
import { RecordVersion, StagedEdit } from "./entities";
import type { Conflict, Person, RevertResult } from "./protocol";
import { insertEdits, readVersions, recordKey } from "./records";
import { changesTransaction } from "./transaction";

/** Stages in `newChangesetId` the edits that undo `changesetId` here; again, it stages nothing more. */
export function revertChangeset(
  db: DataSource,
  registry: EditRegistry,
  changesetId: string,
  newChangesetId: string,
  author: Person,
  comment: string,
): Promise<RevertResult> {
  return changesTransaction(db, async (manager) => {
    const staged = await manager.getRepository(StagedEdit).countBy({ changesetId: newChangesetId });
    if (staged > 0) return { staged, conflicts: [] };
    const records = await changedRecords(manager, changesetId);
    const conflicts = await movedOn(manager, registry, records);
    if (conflicts.length > 0) return { staged: 0, conflicts };
    const source: SourceRecord = {
      document: `changeset ${changesetId}`,
      quote: comment,
      url: null,
      publishedOn: null,
      language: "en",
    };
    const createdAt = new Date().toISOString();
    const edits = records.map(({ first, last }) => ({
      changesetId: newChangesetId,
      entity: first.entity,
      recordId: first.recordId,
      ...(first.before === null
        ? { op: "DEPRECATE" as const, values: { reason: `reverts changeset ${changesetId}: ${comment}` } }
        : { op: "RESTORE" as const, values: first.before }),
      baseVersion: last.version,
      source,
      authorId: author.id,
      authorName: author.name,
      createdAt,
      state: "STAGED" as const,
    }));
    await insertEdits(manager, edits);
    return { staged: edits.length, conflicts: [] };
  });
}

interface ChangedRecord {
  /** the changeset's first version of the record: its `before` is what the record was */
  first: RecordVersion;
  /** its last: the version the record must still be at */
  last: RecordVersion;
}

async function changedRecords(manager: EntityManager, changesetId: string): Promise<ChangedRecord[]> {
  const rows = await manager.getRepository(RecordVersion).find({
    where: { changesetId },
    order: { id: "ASC" },
  });
  return [...groupBy(rows, (row) => recordKey(row.entity, row.recordId)).values()].map((versions) => {
    const sorted = [...versions].sort((a, b) => a.version - b.version);
    return { first: sorted[0], last: sorted[sorted.length - 1] };
  });
}

/** Records changed again since the changeset: reverting them would undo the later change too. */
async function movedOn(
  manager: EntityManager,
  registry: EditRegistry,
  records: readonly ChangedRecord[],
): Promise<Conflict[]> {
  const conflicts: Omit<Conflict, "current">[] = [];
  for (const [entityName, entityRecords] of groupBy(records, ({ first }) => first.entity)) {
    const versions = await readVersions(
      manager,
      registry.get(entityName),
      entityRecords.map(({ first }) => first.recordId),
    );
    for (const { first, last } of entityRecords) {
      const currentVersion = versions.get(first.recordId)?.version ?? null;
      if (currentVersion === last.version) continue;
      conflicts.push({
        entity: entityName,
        recordId: first.recordId,
        baseVersion: last.version,
        currentVersion,
        reason: `changed since: the changeset left version ${last.version}`,
      });
    }
  }
  return withCurrentValues(manager, registry, conflicts);
}
