// Opens the projects database; starts nothing.
import { type DatabaseOptions, openDatabase } from "@twingraph/kit";
import type { DataSource } from "typeorm";
import { projectEntities } from "./entities";

export const PROJECTS = { name: "projects", port: 4003 } as const;

export function openProjectsDatabase(options: Partial<DatabaseOptions> = {}): Promise<DataSource> {
  return openDatabase({ name: PROJECTS.name, entities: projectEntities, ...options });
}
