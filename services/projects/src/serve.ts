// Serves the projects subgraph as deployed: its database on PROJECTS_PORT.
import { portFromEnv } from "@twingraph/kit/http";
import { defaultPort } from "@twingraph/kit/manifest";
import { listenSubgraph, type ServedSubgraph } from "@twingraph/kit/subgraph";
import { projectsRegistry } from "./editing";
import { buildProjectsSubgraph } from "./schema";
import { openProjectsDatabase, PROJECTS } from "./server";

export async function serveProjects(secret: string): Promise<ServedSubgraph> {
  const [db, subgraph] = await Promise.all([openProjectsDatabase(), buildProjectsSubgraph()]);
  const running = await listenSubgraph(PROJECTS.name, subgraph.schema, db, {
    port: portFromEnv("PROJECTS_PORT", defaultPort(PROJECTS.name)),
    host: process.env.HOST || undefined,
    secret,
    editing: projectsRegistry,
  });
  return { running, db, schema: subgraph.schema, release: () => db.destroy() };
}
