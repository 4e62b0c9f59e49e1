// Opens the changes database; starts nothing.
import { type DatabaseOptions, openDatabase } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";
import { changesEntities } from "./entities";
import { changesMigrations } from "./migrations";
import { CHANGES_SUBGRAPH } from "./participants";

export const CHANGES = { name: CHANGES_SUBGRAPH } as const;

export function openChangesDatabase(options: Partial<DatabaseOptions> = {}): Promise<DataSource> {
  return openDatabase({
    name: CHANGES.name,
    entities: changesEntities,
    migrations: changesMigrations,
    ...options,
  });
}
