// The transactions the kit's editing steps run in. Each subgraph's steps take turns: on PostgreSQL
// under an advisory lock per schema (held to the transaction's end, so a record checked free cannot
// be taken by another changeset before the check's result is stored); on SQLite in one queue per
// data source, because TypeORM runs SQLite on a single connection where a second transaction begun
// while the first is open would nest inside it as a savepoint instead of waiting.
import type { DataSource, EntityManager } from "typeorm";

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

export function isPostgres(db: DataSource): boolean {
  return db.options.type === "postgres";
}

/** Waits for the schema's editing lock, held until the manager's transaction ends; nothing on SQLite. */
export async function lockChanges(manager: EntityManager): Promise<void> {
  if (!isPostgres(manager.connection)) return;
  const schema = (manager.connection.options as { schema?: string }).schema ?? "public";
  await manager.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`twingraph:changes:${schema}`]);
}

/** Runs `work` in a transaction that no other editing step of this database runs beside. */
export function changesTransaction<T>(
  db: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (isPostgres(db))
    return db.transaction(async (manager) => {
      await lockChanges(manager);
      return work(manager);
    });
  const run = (sqliteQueues.get(db) ?? Promise.resolve()).then(() => db.transaction(work));
  sqliteQueues.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}
