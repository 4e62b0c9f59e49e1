// The four subgraph databases, opened together for seeding and imports.
import { openAgreementsDatabase } from "@twingraph/agreements";
import { openCitiesDatabase } from "@twingraph/cities";
import type { DatabaseOptions } from "@twingraph/kit/subgraph";
import { openNewsDatabase } from "@twingraph/news";
import { openProjectsDatabase } from "@twingraph/projects";
import type { DataSource } from "typeorm";

export interface Databases {
  cities: DataSource;
  agreements: DataSource;
  projects: DataSource;
  news: DataSource;
}

export async function openDatabases(options: Partial<DatabaseOptions> = {}): Promise<Databases> {
  const [cities, agreements, projects, news] = await Promise.all([
    openCitiesDatabase(options),
    openAgreementsDatabase(options),
    openProjectsDatabase(options),
    openNewsDatabase(options),
  ]);
  return { cities, agreements, projects, news };
}

export async function closeDatabases(databases: Databases): Promise<void> {
  await Promise.all(Object.values(databases).map((db: DataSource) => db.destroy()));
}
