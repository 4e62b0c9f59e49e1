// Opens the cities database; starts nothing.
import { type DatabaseOptions, openDatabase } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";
import { cityEntities } from "./entities";
import { cityMigrations } from "./migrations";

export const CITIES = { name: "cities" } as const;

export function openCitiesDatabase(options: Partial<DatabaseOptions> = {}): Promise<DataSource> {
  return openDatabase({ name: CITIES.name, entities: cityEntities, migrations: cityMigrations, ...options });
}
