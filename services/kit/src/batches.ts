// Helpers for bulk reads and writes: bounded batches (both databases limit a statement's bound
// parameters: SQLite to 32,766, PostgreSQL to 65,535), no empty INSERTs, and inputs that name the same
// record twice.
import type { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from "typeorm";

export const BATCH_SIZE = 500;

export function chunks<T>(items: readonly T[], size = BATCH_SIZE): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** Runs `find` once per batch of keys and joins the rows, so no `IN (...)` list outgrows the database's limit. */
export async function findInBatches<K, R>(
  keys: readonly K[],
  find: (batch: K[]) => Promise<readonly R[]>,
): Promise<R[]> {
  const rows: R[] = [];
  for (const batch of chunks(keys)) rows.push(...(await find(batch)));
  return rows;
}

/** Inserts rows in batches; nothing at all for no rows (an INSERT without rows is a syntax error). */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: readonly QueryDeepPartialEntity<T>[],
): Promise<void> {
  for (const batch of chunks(rows)) await manager.getRepository(target).insert(batch);
}

/** One item per key, a later one folded into the earlier with `merge`, in first-seen order. */
export function uniqueBy<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  merge: (earlier: T, later: T) => T,
): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    const earlier = byKey.get(key);
    byKey.set(key, earlier === undefined ? item : merge(earlier, item));
  }
  return [...byKey.values()];
}
