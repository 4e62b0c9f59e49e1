// Helpers for bulk reads and writes: bounded batches (both databases limit a statement's bound
// parameters: SQLite to 32,766, PostgreSQL to 65,535), no empty INSERTs, and inputs that name the same
// record twice.
import type {
  EntityManager,
  EntityMetadata,
  EntityTarget,
  ObjectLiteral,
  QueryDeepPartialEntity,
} from "typeorm";
import type { ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import { quoted, SqlStatement } from "./sql";

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

export interface InsertOptions {
  /** "ignore": a row that conflicts with a unique key is left out (ON CONFLICT DO NOTHING) */
  onConflict?: "ignore";
}

/**
 * Inserts rows as plain multi-row INSERTs, nothing at all for no rows (an INSERT without rows is a
 * syntax error). Each value is stored as TypeORM's own insert stores it, but without TypeORM building
 * the statement (about 50 us a row) or reading generated ids back: the seed inserts rows by the
 * hundred thousand. Entities with listeners or generated values other than an increment are refused.
 */
export async function insertRows<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: readonly QueryDeepPartialEntity<T>[],
  options: InsertOptions = {},
): Promise<void> {
  const inserter = rowInserter(manager.connection.getMetadata(target));
  for (const batch of chunks(rows, inserter.rowsPerStatement)) {
    const sql = new SqlStatement(manager);
    const text = inserter.statement(sql, batch, options);
    await manager.query(text, sql.values);
  }
}

/** Most bound parameters a statement may carry: SQLite's limit, the lower of the two. */
const MAX_PARAMETERS = 32_766;

/** How an entity's rows become an INSERT: its inserted columns and each value as TypeORM stores it. */
class RowInserter {
  private readonly columns: ColumnMetadata[];
  private readonly head: string;
  private readonly postgres: boolean;
  readonly rowsPerStatement: number;

  constructor(private readonly metadata: EntityMetadata) {
    refuseWhatTypeOrmWouldAdd(metadata);
    // an increment column is left to the database, as TypeORM leaves it
    this.columns = metadata.columns.filter(
      (column) => column.isInsert && !(column.isGenerated && column.generationStrategy === "increment"),
    );
    this.head = `(${this.columns.map((column) => quoted(column.databaseName)).join(", ")})`;
    this.postgres = metadata.connection.options.type === "postgres";
    this.rowsPerStatement = Math.min(BATCH_SIZE, Math.floor(MAX_PARAMETERS / this.columns.length));
  }

  statement(sql: SqlStatement, rows: readonly ObjectLiteral[], options: InsertOptions): string {
    const values = rows.map(
      (row) => `(${this.columns.map((column) => this.value(sql, row, column)).join(", ")})`,
    );
    const conflict = options.onConflict === "ignore" ? " ON CONFLICT DO NOTHING" : "";
    return `INSERT INTO ${sql.table(this.metadata.tableName)} ${this.head} VALUES ${values.join(", ")}${conflict}`;
  }

  /** A row's value for the column: a parameter, or the column's default when the row leaves it out. */
  private value(sql: SqlStatement, row: ObjectLiteral, column: ColumnMetadata): string {
    const driver = this.metadata.connection.driver;
    const value = driver.preparePersistentValue(column.getEntityValue(row), column);
    if (value !== undefined) return sql.param(value);
    if (this.postgres) return "DEFAULT";
    // SQLite has no DEFAULT in VALUES: TypeORM writes the column's default there, or NULL
    const hasDefault = column.default !== undefined && column.default !== null;
    return hasDefault ? (driver.normalizeDefault(column) ?? "NULL") : "NULL";
  }
}

/** What TypeORM's insert adds that a plain INSERT would not: listeners, versions, generated uuids, JSONB. */
function refuseWhatTypeOrmWouldAdd(metadata: EntityMetadata): void {
  const unsupported = metadata.columns.find(
    (column) =>
      column.isVersion ||
      column.isDiscriminator ||
      (column.isGenerated && column.generationStrategy !== "increment") ||
      column.type === "jsonb",
  );
  if (unsupported)
    throw new Error(
      `insertRows cannot insert ${metadata.name}: its column ${unsupported.propertyName} needs TypeORM's insert.`,
    );
  if (metadata.ownListeners.length > 0 || metadata.connection.subscribers.length > 0)
    throw new Error(`insertRows cannot insert ${metadata.name}: its listeners need TypeORM's insert.`);
}

const inserters = new WeakMap<EntityMetadata, RowInserter>();

/** The entity's inserter, made once per database. */
function rowInserter(metadata: EntityMetadata): RowInserter {
  let inserter = inserters.get(metadata);
  if (!inserter) {
    inserter = new RowInserter(metadata);
    inserters.set(metadata, inserter);
  }
  return inserter;
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

/** Items grouped by key, in first-seen order of keys and items. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
