// Opens the news database; starts nothing.
import { type DatabaseOptions, openDatabase } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";
import { newsEntities } from "./entities";
import { newsMigrations } from "./migrations";

export const NEWS = { name: "news" } as const;

export function openNewsDatabase(options: Partial<DatabaseOptions> = {}): Promise<DataSource> {
  return openDatabase({ name: NEWS.name, entities: newsEntities, migrations: newsMigrations, ...options });
}
