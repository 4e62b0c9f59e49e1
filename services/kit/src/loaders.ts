// Per-request DataLoaders: every reference resolver and cross-subgraph list goes through one, so a
// request runs one statement per kind of lookup instead of one per parent object, and one per
// BATCH_SIZE keys when more ask at once (an `_entities` call of 5,000 references).
//
// Records and links are read as plain rows (plain-rows.ts), by statements prepared once: TypeORM's
// query building and entity hydration cost more than SQLite's answer to these lookups. Each row
// becomes an instance of the entity class all the same, so that its computed fields (getters) answer.
import DataLoader from "dataloader";
import type { EntityTarget, ObjectLiteral } from "typeorm";
import { BATCH_SIZE } from "./batches";
import { findPlain, findPlainPairs, type PlainFilter } from "./plain-rows";
import type { SubgraphContext } from "./subgraph-server";

export class Loaders {
  private readonly byName = new Map<string, DataLoader<unknown, unknown>>();

  /** The request's loader called `name`, created on first use. */
  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<readonly V[]>): DataLoader<K, V> {
    let loader = this.byName.get(name);
    if (!loader) {
      loader = new DataLoader(batch as (keys: readonly unknown[]) => Promise<unknown[]>, {
        maxBatchSize: BATCH_SIZE,
      });
      this.byName.set(name, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Orders fetched rows to match the keys; a key without a row gets null. */
export function byKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | null)[] {
  const index = new Map(rows.map((row) => [keyOf(row), row] as const));
  return keys.map((key) => index.get(key) ?? null);
}

/** Groups fetched rows per key; a key without rows gets an empty list. */
export function groupedByKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/** Loads many keys, drops the ones without a value, and rethrows a failed batch's error. */
export async function loadPresent<K, V>(loader: DataLoader<K, V | null>, keys: readonly K[]): Promise<V[]> {
  const values = await loader.loadMany(keys);
  const present: V[] = [];
  for (const value of values) {
    if (value instanceof Error) throw value;
    if (value !== null) present.push(value);
  }
  return present;
}

/** Loads a list per key and rethrows a failed batch's error. */
export async function loadLists<K, V>(loader: DataLoader<K, V[]>, keys: readonly K[]): Promise<V[][]> {
  const values = await loader.loadMany(keys);
  return values.map((value) => {
    if (value instanceof Error) throw value;
    return value;
  });
}

/** Ids that occur in at least `minimum` of the lists, sorted: what two or more places share. */
export function sharedByAtLeast(lists: readonly string[][], minimum: number): string[] {
  const counts = new Map<string, number>();
  for (const list of lists) for (const id of new Set(list)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts]
    .filter(([, count]) => count >= minimum)
    .map(([id]) => id)
    .sort();
}

/** The request's loader of `entity` records by id: one `id IN (...)` statement per batch. */
export function recordLoader<T extends { id: string }>(
  context: SubgraphContext,
  entity: EntityTarget<T>,
  name: string,
): DataLoader<string, T | null> {
  return context.loaders.get<string, T | null>(name, async (ids) => {
    const records = await findPlain(context.db, entity, { by: "id", keys: ids });
    return byKey(ids, records, (record) => record.id);
  });
}

export interface LinkOptions<T> extends Pick<PlainFilter<T>, "where" | "order"> {
  /** the column the loader's keys are matched against */
  from: keyof T & string;
  /** the column whose values each key gets */
  to: keyof T & string;
}

/** The request's loader through a link table: for each key, the `to` values of its rows, in order. */
export function linkLoader<T extends ObjectLiteral>(
  context: SubgraphContext,
  entity: EntityTarget<T>,
  name: string,
  link: LinkOptions<T>,
): DataLoader<string, string[]> {
  return context.loaders.get<string, string[]>(name, async (keys) => {
    const pairs = await findPlainPairs(context.db, entity, { ...link, by: link.from, keys });
    return groupedByKey(keys, pairs, (pair) => pair.key).map((group) => group.map((pair) => pair.value));
  });
}
