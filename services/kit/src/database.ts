// One database per subgraph: an embedded SQLite file by default, a PostgreSQL schema of its own
// when DATABASE_URL points at PostgreSQL.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DataSource, type DataSourceOptions, type Logger, type MixedList } from "typeorm";
import { defaultDataDir } from "./data-dir";

export interface DatabaseOptions {
  /** the subgraph's name: the SQLite file's name, or the PostgreSQL schema */
  name: string;
  // biome-ignore lint/complexity/noBannedTypes: TypeORM's own entity list type
  entities: MixedList<Function>;
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
    synchronize: true,
    logger: options.logger,
    logging: options.logger ? ["query" as const] : false,
  };
  if (isPostgres(url)) return { ...common, type: "postgres", url, schema: options.name };
  if (url !== ":memory:") mkdirSync(path.dirname(url), { recursive: true });
  return { ...common, type: "better-sqlite3", database: url, prepareDatabase: tuneSqlite };
}

function tuneSqlite(db: { pragma(source: string): unknown }): void {
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
}

/** Opens the database and creates or updates its tables. */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  const dataSourceOpts = dataSourceOptions(options);
  if (dataSourceOpts.type === "postgres") await createSchema(dataSourceOpts.url!, options.name);
  return new DataSource(dataSourceOpts).initialize();
}

async function createSchema(url: string, schema: string): Promise<void> {
  const bootstrap = await new DataSource({ type: "postgres", url }).initialize();
  try {
    await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await bootstrap.destroy();
  }
}
