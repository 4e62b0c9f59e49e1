// Opens the news database, its search index included; starts nothing.
import { type DatabaseOptions, openDatabase } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";
import { newsEntities } from "./entities";
import { newsMigrations } from "./migrations";
import { openSqliteSearchIndex } from "./search/search-index";

export const NEWS = { name: "news" } as const;

export async function openNewsDatabase(options: Partial<DatabaseOptions> = {}): Promise<DataSource> {
  const db = await openDatabase({
    name: NEWS.name,
    entities: newsEntities,
    migrations: newsMigrations,
    ...options,
  });
  // PostgreSQL's index is made by migration 0004; SQLite is synchronized, which knows no FTS5 tables
  if (db.options.type !== "postgres") await openSqliteSearchIndex(db);
  return db;
}
