// Opens the agreements database; starts nothing.
import { type DatabaseOptions, openDatabase } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";
import { agreementEntities } from "./entities";
import { agreementMigrations } from "./migrations";

export const AGREEMENTS = { name: "agreements" } as const;

export function openAgreementsDatabase(options: Partial<DatabaseOptions> = {}): Promise<DataSource> {
  return openDatabase({
    name: AGREEMENTS.name,
    entities: agreementEntities,
    migrations: agreementMigrations,
    ...options,
  });
}
