// Opens the projects database; starts nothing.
import { type DatabaseOptions, openDatabase } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";
import { projectEntities } from "./entities";
import { projectMigrations } from "./migrations";

export const PROJECTS = { name: "projects" } as const;

export function openProjectsDatabase(options: Partial<DatabaseOptions> = {}): Promise<DataSource> {
  return openDatabase({
    name: PROJECTS.name,
    entities: projectEntities,
    migrations: projectMigrations,
    ...options,
  });
}
