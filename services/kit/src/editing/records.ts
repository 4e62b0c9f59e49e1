// A record as history keeps it: the editable values the subgraph's snapshot gives, with the rank and
// deprecation reason the kit keeps on the entity's own table; and its version beside it. Reads and
// writes of many records go in batches, so an import's ids never outgrow a statement.
import type { EntityManager, QueryDeepPartialEntity } from "typeorm";
import { chunks, findInBatches, groupBy, insertRows } from "../batches";
import { findPlainColumns } from "../plain-rows";
import type { EditableEntity, RecordValues } from "./editable";
import { RecordVersion, StagedEdit } from "./entities";
import { stableJson } from "./json";
import { RecordRank } from "./versioned";

/** Values with the kit's rank and reason: what record_version stores before and after each change. */
export type RecordState = RecordValues & { rank: RecordRank; deprecationReason: string | null };

export interface VersionRow {
  id: string;
  version: number;
  rank: RecordRank;
  deprecationReason: string | null;
}

export interface CurrentRecord {
  version: number;
  state: RecordState;
}

/** The keys the kit owns: an edit's values never set them, the entity's write never sees them. */
const KIT_KEYS = ["version", "rank", "deprecationReason"] as const;

export function stateOf(
  values: RecordValues,
  rank: RecordRank,
  deprecationReason: string | null,
): RecordState {
  const state: RecordValues = { ...values };
  for (const key of KIT_KEYS) delete state[key];
  return { ...state, rank, deprecationReason };
}

/** The values an entity's write takes: the state without the kit's keys. */
export function valuesOf(state: RecordValues): RecordValues {
  const values = { ...state };
  for (const key of KIT_KEYS) delete values[key];
  return values;
}

/** Version, rank and reason of these records, by id; absent ids are left out. */
export async function readVersions(
  manager: EntityManager,
  entity: EditableEntity,
  ids: readonly string[],
): Promise<Map<string, VersionRow>> {
  const rows = await findInBatches(unique(ids), (batch) =>
    findPlainColumns(manager, entity.target, {
      by: "id",
      keys: batch,
      select: ["id", "version", "rank", "deprecationReason"],
    }),
  );
  return new Map(
    rows.map((row) => [
      row.id,
      { id: row.id, version: row.version, rank: row.rank, deprecationReason: row.deprecationReason ?? null },
    ]),
  );
}

/** The entity's snapshot, a batch of ids at a time. */
export async function snapshotAll(
  manager: EntityManager,
  entity: EditableEntity,
  ids: readonly string[],
): Promise<Map<string, RecordValues>> {
  const values = new Map<string, RecordValues>();
  for (const batch of chunks(unique(ids))) {
    for (const [id, recordValues] of await entity.snapshot(manager, batch)) values.set(id, recordValues);
  }
  return values;
}

/** The records as they are now, by id; absent ids are left out. */
export async function readRecords(
  manager: EntityManager,
  entity: EditableEntity,
  ids: readonly string[],
): Promise<Map<string, CurrentRecord>> {
  const versions = await readVersions(manager, entity, ids);
  const snapshots = await snapshotAll(manager, entity, [...versions.keys()]);
  const records = new Map<string, CurrentRecord>();
  for (const [id, row] of versions) {
    const values = snapshots.get(id);
    if (values)
      records.set(id, { version: row.version, state: stateOf(values, row.rank, row.deprecationReason) });
  }
  return records;
}

/** Sets records' versions, ranks and reasons: one statement per batch of records that get the same. */
export async function writeVersions(
  manager: EntityManager,
  entity: EditableEntity,
  rows: readonly { recordId: string; version: number; after: Record<string, unknown> }[],
): Promise<void> {
  const settings = groupBy(rows, (row) =>
    stableJson([row.version, row.after.rank, row.after.deprecationReason]),
  );
  for (const group of settings.values()) {
    const { version, after } = group[0];
    const set = { version, rank: after.rank, deprecationReason: after.deprecationReason ?? null };
    for (const batch of chunks(group.map((row) => row.recordId)))
      await manager
        .createQueryBuilder()
        .update(entity.target)
        .set(set as QueryDeepPartialEntity<InstanceType<EditableEntity["target"]>>)
        .where("id IN (:...ids)", { ids: batch })
        .execute();
  }
}

/** Moves each record's version on by one, a batch of ids per statement. */
export async function advanceVersions(
  manager: EntityManager,
  entity: EditableEntity,
  ids: readonly string[],
): Promise<void> {
  const metadata = manager.connection.getMetadata(entity.target);
  const column = manager.connection.driver.escape(
    metadata.findColumnWithPropertyName("version")?.databaseName ?? "version",
  );
  for (const batch of chunks(ids)) {
    await manager
      .createQueryBuilder()
      .update(entity.target)
      .set({ version: () => `${column} + 1` })
      .where("id IN (:...ids)", { ids: batch })
      .execute();
  }
}

// TypeORM's insert types cannot take a JSON column typed as a record of unknowns: the rows are cast once here.

export function insertVersions(
  manager: EntityManager,
  rows: readonly Omit<RecordVersion, "id">[],
): Promise<void> {
  return insertRows(manager, RecordVersion, rows as QueryDeepPartialEntity<RecordVersion>[]);
}

export function insertEdits(manager: EntityManager, rows: readonly Omit<StagedEdit, "id">[]): Promise<void> {
  return insertRows(manager, StagedEdit, rows as QueryDeepPartialEntity<StagedEdit>[]);
}

/** The key of a record across entities. */
export function recordKey(entity: string, recordId: string): string {
  return `${entity}\u0000${recordId}`;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
