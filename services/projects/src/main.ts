// Runs the projects subgraph: env -> database -> server -> listen.
import { listenSubgraph, portFromEnv } from "@twingraph/kit";
import { buildProjectsSubgraph } from "./schema";
import { openProjectsDatabase, PROJECTS } from "./server";

async function main(): Promise<void> {
  const [db, subgraph] = await Promise.all([openProjectsDatabase(), buildProjectsSubgraph()]);
  await listenSubgraph(PROJECTS.name, subgraph.schema, db, portFromEnv("PROJECTS_PORT", PROJECTS.port));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
