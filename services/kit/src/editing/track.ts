// History kept by the writes that are not edits: the seed's and imports'. Their transaction is
// marked with the changeset it belongs to; each tracked upsert then gives every record it created
// or changed its next version and a record_version row, read and written a batch at a time so that
// an import of many thousand records costs a few statements per batch.
import type { EntityManager } from "typeorm";
import { mergeSources, type SourceRecord } from "../sources";
import type { EditRegistry } from "./editable";
import { RecordVersion } from "./entities";
import { sameJson } from "./json";
import type { Person } from "./protocol";
import {
  advanceVersions,
  insertVersions,
  type RecordState,
  readRecords,
  snapshotAll,
  stateOf,
} from "./records";
import { lockChanges } from "./transaction";
import { RecordRank } from "./versioned";

/** Who and which changeset the writes in this transaction belong to (the seed and imports set it). */
export interface ChangeContext {
  changesetId: string;
  author: Person;
  /** the source recorded with each version when the written record's own sources do not say more */
  source?: SourceRecord | null;
}

const changeContexts = new WeakMap<EntityManager, ChangeContext>();

/** Marks the writes made through this manager (one transaction) as belonging to a changeset. */
export function setChangeContext(manager: EntityManager, context: ChangeContext): void {
  changeContexts.set(manager, context);
}

/** The changeset the manager's writes belong to, if one was set. */
export function changeContextOf(manager: EntityManager): ChangeContext | null {
  return changeContexts.get(manager) ?? null;
}

/**
 * Runs `write` (an ingest.ts upsert of these records) and keeps history for what it changed: each
 * record created or changed gets its next version and a record_version row in the manager's
 * change context. Without a change context it refuses: every write belongs to a changeset.
 */
export async function trackChanges<T>(
  manager: EntityManager,
  entityName: string,
  registry: EditRegistry,
  ids: readonly string[],
  write: () => Promise<T>,
): Promise<T> {
  const context = changeContexts.get(manager);
  if (!context)
    throw new Error(
      `${entityName} records are written outside a changeset: every write belongs to one, so call ` +
        "setChangeContext(manager, { changesetId, author }) on the transaction first.",
    );
  const entity = registry.get(entityName);
  const unique = [...new Set(ids)];
  // the same lock an apply holds: a record is not reserved and rewritten at once
  await lockChanges(manager);
  const before = await readRecords(manager, entity, unique);
  const result = await write();
  const after = await snapshotAll(manager, entity, unique);
  const at = new Date().toISOString();
  const changed: string[] = [];
  const versions: Omit<RecordVersion, "id">[] = [];
  for (const id of unique) {
    const values = after.get(id);
    if (!values) continue;
    const previous = before.get(id);
    const state = previous
      ? stateOf(values, previous.state.rank, previous.state.deprecationReason)
      : stateOf(values, RecordRank.NORMAL, null);
    if (previous && sameJson(previous.state, state)) continue;
    if (previous) changed.push(id);
    versions.push({
      entity: entity.name,
      recordId: id,
      // a created record's version column starts at 1
      version: previous ? previous.version + 1 : 1,
      changesetId: context.changesetId,
      authorId: context.author.id,
      authorName: context.author.name,
      at,
      op: previous ? "UPDATE" : "CREATE",
      before: previous?.state ?? null,
      after: state,
      source: addedSource(previous?.state ?? null, state) ?? context.source ?? null,
    });
  }
  await advanceVersions(manager, entity, changed);
  await insertVersions(manager, versions);
  return result;
}

/** The last source the write added to the record's sources: what this version states. */
function addedSource(before: RecordState | null, after: RecordState): SourceRecord | null {
  const sources = (state: RecordState | null) =>
    Array.isArray(state?.sources) ? (state.sources as SourceRecord[]) : [];
  const existing = sources(before);
  const added = mergeSources(existing, sources(after)).slice(existing.length);
  return added.at(-1) ?? null;
}
