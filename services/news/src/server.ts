// Opens the news database; starts nothing.
import { type DatabaseOptions, openDatabase } from "@twingraph/kit";
import type { DataSource } from "typeorm";
import { newsEntities } from "./entities";

export const NEWS = { name: "news", port: 4004 } as const;

export function openNewsDatabase(options: Partial<DatabaseOptions> = {}): Promise<DataSource> {
  return openDatabase({ name: NEWS.name, entities: newsEntities, ...options });
}
