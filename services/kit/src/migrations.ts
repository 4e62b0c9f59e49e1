// What subgraph migrations are written with: SQL against "the subgraph's schema", whatever its name
// (tests migrate scratch schemas), and the baseline's check that adopts a database the release
// before migrations created with synchronize.
import type { MigrationInterface, QueryRunner } from "typeorm";

/** The quoted schema the migration runs in, to prefix table names with. */
export function migrationSchema(runner: QueryRunner): string {
  const schema = runner.connection.driver.schema;
  if (!schema)
    throw new Error("subgraph migrations run on PostgreSQL with a schema; this connection has none");
  return `"${schema.replaceAll('"', '""')}"`;
}

/** Runs the statements in order, in the migration's transaction. */
export async function runStatements(runner: QueryRunner, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await runner.query(statement);
}

/**
 * Whether the baseline's tables already exist: true when all do (a database of the release before
 * migrations, to adopt as it is), false when none do (a new database). Some but not all means the
 * schema is not one a release created, which no migration can safely guess about.
 */
export async function baselineTablesExist(runner: QueryRunner, tables: readonly string[]): Promise<boolean> {
  const schema = runner.connection.driver.schema!;
  const rows: { table_name: string }[] = await runner.query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name = ANY($2)",
    [schema, tables],
  );
  if (rows.length === 0) return false;
  if (rows.length === tables.length) return true;
  const found = new Set(rows.map((row) => row.table_name));
  const missing = tables.filter((table) => !found.has(table));
  throw new Error(
    `schema "${schema}" has some of the baseline's tables but not ${missing.join(", ")}: ` +
      "it was not created by a release of twingraph; restore it or drop the schema and seed again",
  );
}

/**
 * The migration that adds the data_revision table (name, value), which every subgraph keeps so that
 * readers can tell whether what they cached from its rows is stale. One definition for the
 * subgraphs that lacked it; each lists it under a name of its own, as TypeORM records names per
 * schema. IF NOT EXISTS: a database synchronized by a build between the releases may have it.
 */
export function dataRevisionMigration(name: string): new () => MigrationInterface {
  return class implements MigrationInterface {
    name = name;

    async up(runner: QueryRunner): Promise<void> {
      const s = migrationSchema(runner);
      await runStatements(runner, [
        `CREATE TABLE IF NOT EXISTS ${s}."data_revision" (
          "name" text NOT NULL,
          "value" integer NOT NULL,
          CONSTRAINT "PK_1778abb8d6008b9df3b2dbad3d7" PRIMARY KEY ("name")
        )`,
      ]);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runStatements(runner, [`DROP TABLE ${migrationSchema(runner)}."data_revision"`]);
    }
  };
}
