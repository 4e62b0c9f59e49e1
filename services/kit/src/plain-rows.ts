// An entity's records read as plain rows by one parameterised statement (sql.ts) instead of through
// TypeORM's query builder: under the lookups of a federated query, building the query and hydrating
// entities cost more than SQLite's answer. Each row still becomes an instance of the entity class,
// with the conversions TypeORM would apply, so that its computed fields (getters) answer.
import type { EntityMetadata, EntityTarget } from "typeorm";
import { type Database, dataSourceOf, quoted, type SqlStatement, selectRows } from "./sql";

type Direction = "ASC" | "DESC";

export interface PlainFilter<T> {
  /** the column the keys are matched against */
  by: keyof T & string;
  keys: readonly string[];
  /** further conditions: a column equal to a value, or one of a list of values */
  where?: Partial<Record<keyof T & string, string | number | readonly string[]>>;
  order?: Partial<Record<keyof T & string, Direction>>;
}

/** How an entity's rows are read: its table and columns, and how a row becomes a record. */
class EntityRows<T> {
  readonly table: string;
  /** every column, under its property's name */
  readonly columns: string;
  private readonly Target: new () => T;
  private readonly json: string[];
  /** SQLite answers 0 and 1 for a boolean column */
  private readonly booleans: string[];

  constructor(private readonly metadata: EntityMetadata) {
    this.table = metadata.tableName;
    this.columns = metadata.columns
      .map((column) =>
        column.databaseName === column.propertyName
          ? quoted(column.databaseName)
          : `${quoted(column.databaseName)} AS ${quoted(column.propertyName)}`,
      )
      .join(", ");
    this.Target = metadata.target as new () => T;
    const properties = (type: string) =>
      metadata.columns.filter((column) => column.type === type).map((column) => column.propertyName);
    this.json = properties("simple-json");
    this.booleans = properties("boolean");
  }

  /** The quoted column of a property. */
  column(property: string): string {
    const column = this.metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${this.metadata.name} has no column ${property}`);
    return quoted(column.databaseName);
  }

  record(row: Record<string, unknown>): T {
    const record = Object.assign(new this.Target() as Record<string, unknown>, row);
    for (const property of this.json) {
      const value = record[property];
      if (typeof value === "string") record[property] = JSON.parse(value);
    }
    for (const property of this.booleans) {
      if (record[property] !== null) record[property] = Boolean(record[property]);
    }
    return record as T;
  }
}

const readers = new WeakMap<EntityMetadata, EntityRows<unknown>>();

/** The entity's reader, made once per database. */
export function entityRows<T>(db: Database, entity: EntityTarget<T>): EntityRows<T> {
  const metadata = dataSourceOf(db).getMetadata(entity);
  let reader = readers.get(metadata);
  if (!reader) {
    reader = new EntityRows(metadata);
    readers.set(metadata, reader);
  }
  return reader as EntityRows<T>;
}

/** The records whose `by` column is one of the keys and that meet the other conditions, in `order`. */
export async function findPlain<T>(
  db: Database,
  entity: EntityTarget<T>,
  filter: PlainFilter<T>,
): Promise<T[]> {
  const reader = entityRows(db, entity);
  const rows = await selectRows<Record<string, unknown>>(
    db,
    (sql) => `SELECT ${reader.columns} FROM ${sql.table(reader.table)} ${filtered(reader, sql, filter)}`,
  );
  return rows.map((row) => reader.record(row));
}

/** As findPlain, but only the `to` column of each row, beside the key it matched. */
export function findPlainPairs<T>(
  db: Database,
  entity: EntityTarget<T>,
  filter: PlainFilter<T> & { to: keyof T & string },
): Promise<{ key: string; value: string }[]> {
  const reader = entityRows(db, entity);
  return selectRows(
    db,
    (sql) =>
      `SELECT ${reader.column(filter.by)} AS "key", ${reader.column(filter.to)} AS "value"
       FROM ${sql.table(reader.table)} ${filtered(reader, sql, filter)}`,
  );
}

/** As findPlain, but only the `select` columns of each row, as the driver gives them. */
export function findPlainColumns<T, K extends keyof T & string>(
  db: Database,
  entity: EntityTarget<T>,
  filter: PlainFilter<T> & { select: readonly K[] },
): Promise<Pick<T, K>[]> {
  const reader = entityRows(db, entity);
  const columns = filter.select.map((property) => `${reader.column(property)} AS ${quoted(property)}`);
  return selectRows(
    db,
    (sql) => `SELECT ${columns.join(", ")} FROM ${sql.table(reader.table)} ${filtered(reader, sql, filter)}`,
  );
}

/** The WHERE and ORDER BY clauses of a filter. */
function filtered<T>(reader: EntityRows<T>, sql: SqlStatement, filter: PlainFilter<T>): string {
  const conditions = Object.entries(filter.where ?? {}).map(([property, value]) =>
    Array.isArray(value)
      ? `${reader.column(property)} ${sql.in(value)}`
      : `${reader.column(property)} = ${sql.param(value)}`,
  );
  conditions.push(`${reader.column(filter.by)} ${sql.in(filter.keys)}`);
  const order = Object.entries(filter.order ?? {}).map(
    ([property, direction]) => `${reader.column(property)} ${direction}`,
  );
  return `WHERE ${conditions.join(" AND ")}${order.length > 0 ? ` ORDER BY ${order.join(", ")}` : ""}`;
}
