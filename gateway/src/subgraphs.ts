// The four subgraphs of the graph: name, default port, schema builder and database opener.

import path from "node:path";
import { AGREEMENTS, buildAgreementsSubgraph, openAgreementsDatabase } from "@twingraph/agreements";
import { buildCitiesSubgraph, CITIES, openCitiesDatabase } from "@twingraph/cities";
import { defaultPort } from "@twingraph/kit/manifest";
import type { DatabaseOptions, Subgraph } from "@twingraph/kit/subgraph";
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
  {
    ...CITIES,
    port: defaultPort(CITIES.name),
    main: mainOf(CITIES.name),
    build: buildCitiesSubgraph,
    open: openCitiesDatabase,
  },
  {
    ...AGREEMENTS,
    port: defaultPort(AGREEMENTS.name),
    main: mainOf(AGREEMENTS.name),
    build: buildAgreementsSubgraph,
    open: openAgreementsDatabase,
  },
  {
    ...PROJECTS,
    port: defaultPort(PROJECTS.name),
    main: mainOf(PROJECTS.name),
    build: buildProjectsSubgraph,
    open: openProjectsDatabase,
  },
  {
    ...NEWS,
    port: defaultPort(NEWS.name),
    main: mainOf(NEWS.name),
    build: buildNewsSubgraph,
    open: openNewsDatabase,
  },
];
