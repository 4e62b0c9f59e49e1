// One database per subgraph: an embedded SQLite file by default, a PostgreSQL schema of its own
// when DATABASE_URL points at PostgreSQL, brought up to date by the subgraph's migrations.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DataSource, type DataSourceOptions, type Logger, type MixedList } from "typeorm";
import { defaultDataDir } from "./data-dir";

export interface DatabaseOptions {
  /** the subgraph's name: the SQLite file's name, or the PostgreSQL schema */
  name: string;
  // biome-ignore lint/complexity/noBannedTypes: TypeORM's own entity list type
  entities: MixedList<Function>;
  /** the subgraph's migration classes, oldest first; run at open on PostgreSQL */
  // biome-ignore lint/complexity/noBannedTypes: TypeORM's own migration list type
  migrations?: MixedList<Function>;
  /** the PostgreSQL schema; default: name (tests use scratch schemas) */
  schema?: string;
  /** "postgres://..." for PostgreSQL, ":memory:" or a file path for SQLite; default: env, then a file */
  url?: string;
  /** where the SQLite file goes when no url is given; default: TWINGRAPH_DATA_DIR, then .data/ */
  dataDir?: string;
  logger?: Logger;
}

function isPostgres(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function dataSourceOptions(options: DatabaseOptions): DataSourceOptions {
  const directory = options.dataDir ?? defaultDataDir();
  const url = options.url ?? process.env.DATABASE_URL ?? path.join(directory, `${options.name}.sqlite`);
  const common = {
    entities: options.entities,
    logger: options.logger,
    logging: options.logger ? ["query" as const] : false,
  };
  if (isPostgres(url)) return { ...common, ...postgresMigrations(options), type: "postgres", url };
  if (url !== ":memory:") mkdirSync(path.dirname(url), { recursive: true });
  // A SQLite file is local and rebuilt from the sources by the seed, so synchronize may reshape it;
  // PostgreSQL holds the deployed data, which only reviewed migrations may change.
  return { ...common, synchronize: true, type: "better-sqlite3", database: url, prepareDatabase: tuneSqlite };
}

/** Each schema keeps its own migrations table, so every subgraph migrates alone. */
function postgresMigrations(options: DatabaseOptions) {
  return {
    schema: options.schema ?? options.name,
    synchronize: false,
    migrations: options.migrations ?? [],
    // run by openDatabase under a lock instead, so that processes starting together take turns
    migrationsRun: false,
    migrationsTableName: "migrations",
  };
}

function tuneSqlite(db: { pragma(source: string): unknown }): void {
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  // a multi-row INSERT inside a transaction keeps a statement journal (the pages it changed, to undo
  // the statement alone); on disk, the seed's bulk inserts wrote it in 270,000 small writes
  db.pragma("temp_store = MEMORY");
}

/** Opens the database and creates or updates its tables: migrations on PostgreSQL, synchronize on SQLite. */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  const dataSourceOpts = dataSourceOptions(options);
  if (dataSourceOpts.type !== "postgres") return new DataSource(dataSourceOpts).initialize();
  return openMigrated(dataSourceOpts.url!, dataSourceOpts.schema!, () =>
    new DataSource(dataSourceOpts).initialize(),
  );
}

/**
 * Creates the schema and runs its migrations holding a PostgreSQL advisory lock named after the
 * schema: the seed and a subgraph (or two replicas) starting on a new database would otherwise both
 * create the schema and both run the baseline, and one of them would fail.
 */
async function openMigrated(
  url: string,
  schema: string,
  open: () => Promise<DataSource>,
): Promise<DataSource> {
  const admin = await new DataSource({ type: "postgres", url }).initialize();
  const runner = admin.createQueryRunner();
  const lockKey = `twingraph:migrations:${schema}`;
  try {
    await runner.connect();
    await runner.query("SELECT pg_advisory_lock(hashtext($1))", [lockKey]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema.replaceAll('"', '""')}"`);
    const db = await open();
    try {
      await db.runMigrations();
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return db;
  } finally {
    await runner.query("SELECT pg_advisory_unlock(hashtext($1))", [lockKey]).catch(() => undefined);
    await runner.release();
    await admin.destroy();
  }
}
