// The four subgraphs of the graph: name, default port, schema builder and database opener.

import path from "node:path";
import { AGREEMENTS, buildAgreementsSubgraph, openAgreementsDatabase } from "@twingraph/agreements";
import { buildCitiesSubgraph, CITIES, openCitiesDatabase } from "@twingraph/cities";
import type { DatabaseOptions, Subgraph } from "@twingraph/kit";
import { buildNewsSubgraph, NEWS, openNewsDatabase } from "@twingraph/news";
import { buildProjectsSubgraph, openProjectsDatabase, PROJECTS } from "@twingraph/projects";
import type { DataSource } from "typeorm";

export interface SubgraphModule {
  name: string;
  port: number;
  /** the compiled entry point that runs this subgraph as its own process */
  main: string;
  build(): Promise<Subgraph>;
  open(options?: Partial<DatabaseOptions>): Promise<DataSource>;
}

function mainOf(name: string): string {
  return path.resolve(__dirname, "../../services", name, "dist/main.js");
}

export const SUBGRAPHS: readonly SubgraphModule[] = [
  { ...CITIES, main: mainOf(CITIES.name), build: buildCitiesSubgraph, open: openCitiesDatabase },
  {
    ...AGREEMENTS,
    main: mainOf(AGREEMENTS.name),
    build: buildAgreementsSubgraph,
    open: openAgreementsDatabase,
  },
  { ...PROJECTS, main: mainOf(PROJECTS.name), build: buildProjectsSubgraph, open: openProjectsDatabase },
  { ...NEWS, main: mainOf(NEWS.name), build: buildNewsSubgraph, open: openNewsDatabase },
];
