// Plain SQL for the hot reads, written once for both databases: the placeholders ("?" on SQLite,
// "$1" on PostgreSQL), the schema that qualifies each table on PostgreSQL, and a key list passed as
// one parameter, so that a statement's text is the same for 1 key and for 500 and SQLite's statement
// cache (TypeORM's, per connection) prepares it once. Statements go through TypeORM's query runner,
// so its logger (the tests' statement counter) still sees every one.
import type { DataSource, EntityManager } from "typeorm";

export type Database = DataSource | EntityManager;

export function dataSourceOf(db: Database): DataSource {
  return "connection" in db ? db.connection : db;
}

export function isPostgresDatabase(db: Database): boolean {
  return dataSourceOf(db).options.type === "postgres";
}

/** One statement's text and its parameters in the database's placeholder style. */
export class SqlStatement {
  readonly values: unknown[] = [];
  private readonly postgres: boolean;
  private readonly schema: string;

  constructor(db: Database) {
    const dataSource = dataSourceOf(db);
    this.postgres = dataSource.options.type === "postgres";
    const schema = dataSource.driver.schema;
    this.schema = this.postgres && schema ? `${quoted(schema)}.` : "";
  }

  /** A placeholder for `value`. */
  param(value: unknown): string {
    this.values.push(value);
    return this.postgres ? `$${this.values.length}` : "?";
  }

  /** `name`, quoted, in this database's schema on PostgreSQL. */
  table(name: string): string {
    return `${this.schema}${quoted(name)}`;
  }

  /** "IN (these values)" as one parameter: a PostgreSQL array, a JSON array SQLite reads with json_each. */
  in(values: readonly (string | number)[]): string {
    return this.postgres
      ? `= ANY(${this.param(values)})`
      : `IN (SELECT value FROM json_each(${this.param(JSON.stringify(values))}))`;
  }

  /**
   * Rows as one JSON parameter, read as a table named `alias` with these columns, each with its
   * PostgreSQL type (SQLite reads JSON's own types): where a bulk UPDATE ... FROM takes its values.
   * Column names are written into the statement: letters and digits only. JSON keeps a double
   * exactly: its shortest round-trip text is read back correctly rounded.
   */
  records(
    alias: string,
    columns: Readonly<Record<string, string>>,
    rows: readonly Readonly<Record<string, unknown>>[],
  ): string {
    const names = Object.keys(columns);
    const unsafe = names.find((name) => !/^[A-Za-z][A-Za-z0-9]*$/.test(name));
    if (unsafe !== undefined) throw new Error(`records(): "${unsafe}" is not a plain column name`);
    const json = this.param(JSON.stringify(rows));
    if (this.postgres) {
      const typed = names.map((name) => `${quoted(name)} ${columns[name]}`);
      return `json_to_recordset(${json}::json) AS ${quoted(alias)}(${typed.join(", ")})`;
    }
    const read = names.map((name) => `json_extract(value, '$.${name}') AS ${quoted(name)}`);
    return `(SELECT ${read.join(", ")} FROM json_each(${json})) AS ${quoted(alias)}`;
  }
}

export function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/** Runs the statement `write` builds and returns its rows as the driver gives them. */
export function selectRows<R>(db: Database, write: (sql: SqlStatement) => string): Promise<R[]> {
  const statement = new SqlStatement(db);
  const text = write(statement);
  return db.query(text, statement.values);
}
