// This subgraph's side of applying a changeset in two phases: prepare checks the author's staged
// edits against the records' versions and reserves them (PREPARED); commit applies the prepared
// edits in one transaction; abort releases them. Each step may be sent again and does nothing more
// the second time, so a coordinator that restarts mid-way can repeat whatever it is unsure of.
import { type DataSource, type EntityManager, In, Not } from "typeorm";
import { chunks, findInBatches, groupBy } from "../batches";
import { advanceRevision } from "../data-revision";
import { logger } from "../logger";
import { advanceRedisDataVersion } from "../redis-data-version";
import type { EditRegistry } from "./editable";
import { type EditState, RecordVersion, StagedEdit } from "./entities";
import { recordChanges } from "./history";
import { editedState } from "./outcome";
import type { CommitResult, Conflict, PrepareResult } from "./protocol";
import {
  type CurrentRecord,
  insertVersions,
  type RecordState,
  readRecords,
  readVersions,
  recordKey,
  snapshotAll,
  stateOf,
  valuesOf,
  writeVersions,
} from "./records";
import { changesTransaction } from "./transaction";

/** Checks the changeset's staged edits by `authorId` and reserves them when none conflicts. */
export function prepareChangeset(
  db: DataSource,
  registry: EditRegistry,
  changesetId: string,
  authorId: string,
): Promise<PrepareResult> {
  return changesTransaction(db, async (manager) => {
    const edits = await manager.getRepository(StagedEdit).find({
      where: { changesetId, authorId, state: Not("ABORTED") },
      order: { id: "ASC" },
    });
    const open = edits.filter((edit) => edit.state === "STAGED" || edit.state === "PREPARED");
    if (open.length === 0) return { edits: edits.length, conflicts: [], applied: edits.length > 0 };
    const staged = open.filter((edit) => edit.state === "STAGED");
    const conflicts = await conflictsOf(manager, registry, changesetId, staged);
    if (conflicts.length === 0) await moveEdits(manager, staged, "PREPARED");
    return { edits: open.length, conflicts, applied: false };
  });
}

/**
 * Why these edits cannot be reserved: a record whose version moved since its edit was staged, one
 * absent (or, for CREATE, present), one another changeset holds prepared. One conflict per record.
 */
async function conflictsOf(
  manager: EntityManager,
  registry: EditRegistry,
  changesetId: string,
  edits: readonly StagedEdit[],
): Promise<Conflict[]> {
  const holders = await preparedElsewhere(manager, changesetId, edits);
  const conflicts = new Map<string, Omit<Conflict, "current">>();
  for (const [entityName, entityEdits] of groupBy(edits, (edit) => edit.entity)) {
    const versions = await readVersions(
      manager,
      registry.get(entityName),
      entityEdits.map((edit) => edit.recordId),
    );
    for (const edit of entityEdits) {
      const key = recordKey(edit.entity, edit.recordId);
      const currentVersion = versions.get(edit.recordId)?.version ?? null;
      const reason = conflictReason(edit, currentVersion, holders.get(key));
      if (reason && !conflicts.has(key))
        conflicts.set(key, {
          entity: edit.entity,
          recordId: edit.recordId,
          baseVersion: edit.baseVersion,
          currentVersion,
          reason,
        });
    }
  }
  return withCurrentValues(manager, registry, [...conflicts.values()]);
}

function conflictReason(
  edit: StagedEdit,
  currentVersion: number | null,
  holder: string | undefined,
): string | null {
  if (holder) return `held by changeset ${holder}`;
  if (edit.op === "CREATE") return currentVersion === null ? null : "exists already";
  if (currentVersion === null) return "does not exist";
  return currentVersion === edit.baseVersion ? null : "stale version";
}

/** The changeset holding prepared edits on each record these edits touch, other than this one. */
async function preparedElsewhere(
  manager: EntityManager,
  changesetId: string,
  edits: readonly StagedEdit[],
): Promise<Map<string, string>> {
  const wanted = new Set(edits.map((edit) => recordKey(edit.entity, edit.recordId)));
  const held = await findInBatches([...new Set(edits.map((edit) => edit.recordId))], (batch) =>
    manager.getRepository(StagedEdit).find({
      select: { changesetId: true, entity: true, recordId: true },
      where: { recordId: In(batch), state: "PREPARED", changesetId: Not(changesetId) },
    }),
  );
  const holders = new Map<string, string>();
  for (const edit of held) {
    const key = recordKey(edit.entity, edit.recordId);
    if (wanted.has(key)) holders.set(key, edit.changesetId);
  }
  return holders;
}

/** Conflicts with the records' current values, which the author redoes the change on. */
export async function withCurrentValues(
  manager: EntityManager,
  registry: EditRegistry,
  conflicts: readonly Omit<Conflict, "current">[],
): Promise<Conflict[]> {
  const states = new Map<string, Record<string, unknown>>();
  for (const [entityName, entityConflicts] of groupBy(conflicts, (conflict) => conflict.entity)) {
    const records = await readRecords(
      manager,
      registry.get(entityName),
      entityConflicts.map((conflict) => conflict.recordId),
    );
    for (const [id, record] of records) states.set(recordKey(entityName, id), record.state);
  }
  return conflicts.map((conflict) => ({
    ...conflict,
    current: states.get(recordKey(conflict.entity, conflict.recordId)) ?? null,
  }));
}

/**
 * Applies the changeset's prepared edits in one transaction: each record written through its
 * entity, its version moved on, a record_version row, the edit APPLIED; then the database's
 * revision, and after the transaction the Redis data version when REDIS_URL is set. A repeated
 * commit finds nothing prepared and writes nothing.
 */
export async function commitChangeset(
  db: DataSource,
  registry: EditRegistry,
  changesetId: string,
): Promise<CommitResult> {
  const versions = await changesTransaction(db, (manager) => applyPrepared(manager, registry, changesetId));
  if (versions.length > 0) await advanceSharedDataVersion();
  return { versions: recordChanges(versions) };
}

type NewVersion = Omit<RecordVersion, "id">;

async function applyPrepared(
  manager: EntityManager,
  registry: EditRegistry,
  changesetId: string,
): Promise<NewVersion[]> {
  const edits = await manager
    .getRepository(StagedEdit)
    .find({ where: { changesetId }, order: { id: "ASC" } });
  const prepared = edits.filter((edit) => edit.state === "PREPARED");
  if (prepared.length === 0) {
    if (edits.some((edit) => edit.state === "STAGED"))
      throw new Error(
        `Changeset ${changesetId} has edits in the ${registry.subgraph} subgraph that are not prepared.`,
      );
    return [];
  }
  const records = await recordsOf(manager, registry, prepared);
  const at = new Date().toISOString();
  const versions: NewVersion[] = [];
  for (const edit of prepared) {
    const key = recordKey(edit.entity, edit.recordId);
    const before = records.get(key) ?? null;
    const after = editedState(edit, before?.state ?? null);
    await registry.get(edit.entity).write(manager, edit.recordId, valuesOf(after));
    const version = (before?.version ?? 0) + 1;
    records.set(key, { version, state: after });
    versions.push({
      entity: edit.entity,
      recordId: edit.recordId,
      version,
      changesetId,
      authorId: edit.authorId,
      authorName: edit.authorName,
      at,
      op: edit.op,
      before: before?.state ?? null,
      after,
      source: edit.source,
    });
  }
  await settleRecords(manager, registry, versions);
  await insertVersions(manager, versions);
  await moveEdits(manager, prepared, "APPLIED");
  await advanceRevision(manager);
  return versions;
}

/**
 * Sets each written record's version, rank and reason to its last new version's, and reads its
 * values back into that version, so history holds what the entity stored (normalised, say) rather
 * than what the edit asked: the next change's `before` then matches it. A batch at a time.
 */
async function settleRecords(
  manager: EntityManager,
  registry: EditRegistry,
  versions: readonly NewVersion[],
): Promise<void> {
  const last = new Map(versions.map((version) => [recordKey(version.entity, version.recordId), version]));
  for (const [entityName, rows] of groupBy([...last.values()], (row) => row.entity)) {
    const entity = registry.get(entityName);
    await writeVersions(manager, entity, rows);
    const stored = await snapshotAll(
      manager,
      entity,
      rows.map((row) => row.recordId),
    );
    for (const row of rows) {
      const values = stored.get(row.recordId);
      if (!values) throw new Error(`Writing ${entityName} ${row.recordId} left no record to read back.`);
      const { rank, deprecationReason } = row.after as RecordState;
      row.after = stateOf(values, rank, deprecationReason);
    }
  }
}

async function recordsOf(
  manager: EntityManager,
  registry: EditRegistry,
  edits: readonly StagedEdit[],
): Promise<Map<string, CurrentRecord>> {
  const records = new Map<string, CurrentRecord>();
  for (const [entityName, entityEdits] of groupBy(edits, (edit) => edit.entity)) {
    const ids = entityEdits.map((edit) => edit.recordId);
    for (const [id, record] of await readRecords(manager, registry.get(entityName), ids))
      records.set(recordKey(entityName, id), record);
  }
  return records;
}

/** Releases the changeset's prepared edits: back to STAGED, or every edit not applied to ABORTED when `final`. */
export function abortChangeset(db: DataSource, changesetId: string, final: boolean): Promise<void> {
  return changesTransaction(db, async (manager) => {
    const from: EditState[] = final ? ["STAGED", "PREPARED"] : ["PREPARED"];
    await manager
      .getRepository(StagedEdit)
      .update({ changesetId, state: In(from) }, { state: final ? "ABORTED" : "STAGED" });
  });
}

async function moveEdits(
  manager: EntityManager,
  edits: readonly StagedEdit[],
  state: EditState,
): Promise<void> {
  for (const batch of chunks(edits.map((edit) => edit.id)))
    await manager.getRepository(StagedEdit).update({ id: In(batch) }, { state });
}

/** Gateways sharing a Redis key their cached answers by its data version. */
async function advanceSharedDataVersion(): Promise<void> {
  const url = process.env.REDIS_URL;
  if (!url) return;
  try {
    await advanceRedisDataVersion(url);
  } catch (error) {
    // the changeset is applied; only gateways' cached answers live on, for their max-age at most
    logger.warn({ err: error }, "the data version in Redis could not be moved on");
  }
}
