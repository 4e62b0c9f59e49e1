// History reads: the versions of one record, newest first, and every version applied since a time,
// oldest first (the changes feed), each with the fields it changed.
import { type EntityManager, MoreThanOrEqual } from "typeorm";
import { RecordVersion } from "./entities";
import type { RecordChange } from "./history-types";
import { fieldChanges } from "./json";

/** A stored version as GraphQL shows it (`id` is the table's own and not shown). */
export function recordChange(row: Omit<RecordVersion, "id">): RecordChange {
  return {
    entity: row.entity,
    recordId: row.recordId,
    version: row.version,
    changesetId: row.changesetId,
    authorName: row.authorName,
    at: row.at,
    op: row.op,
    changes: fieldChanges(row.before, row.after),
    source: row.source ?? null,
  };
}

export function recordChanges(rows: readonly Omit<RecordVersion, "id">[]): RecordChange[] {
  return rows.map(recordChange);
}

/** Versions of one record, newest first. */
export async function historyOf(
  manager: EntityManager,
  entity: string,
  recordId: string,
  first: number,
): Promise<RecordChange[]> {
  // TypeORM reads a take of 0 as no limit at all
  if (first <= 0) return [];
  const rows = await manager.getRepository(RecordVersion).find({
    where: { entity, recordId },
    order: { version: "DESC" },
    take: first,
  });
  return recordChanges(rows);
}

/**
 * Versions of a record and of the records that belong to it (a partnership's agreements), newest
 * first: a dossier's history in one list.
 */
export async function historyOfRecords(
  manager: EntityManager,
  records: readonly { entity: string; recordId: string }[],
  first: number,
): Promise<RecordChange[]> {
  if (first <= 0 || records.length === 0) return [];
  const rows = await manager.getRepository(RecordVersion).find({
    where: records.map(({ entity, recordId }) => ({ entity, recordId })),
    order: { at: "DESC", id: "DESC" },
    take: first,
  });
  return recordChanges(rows);
}

/** Versions applied at or after `since` (ISO 8601), oldest first, at most `first`. */
export async function historySince(
  manager: EntityManager,
  since: string,
  first: number,
): Promise<RecordChange[]> {
  if (first <= 0) return [];
  const rows = await manager.getRepository(RecordVersion).find({
    where: { at: MoreThanOrEqual(since) },
    order: { at: "ASC", id: "ASC" },
    take: first,
  });
  return recordChanges(rows);
}
