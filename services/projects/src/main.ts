// Runs the projects subgraph: env -> database -> server -> listen.
import { listenSubgraph, portFromEnv } from "@twingraph/kit";
import { buildProjectsSubgraph } from "./schema";
import { openProjectsDatabase, PROJECTS } from "./server";

async function main(): Promise<void> {
  const [db, subgraph] = await Promise.all([openProjectsDatabase(), buildProjectsSubgraph()]);
  await listenSubgraph(PROJECTS.name, subgraph.schema, db, portFromEnv("PROJECTS_PORT", PROJECTS.port));
}

main().catch((error: unknown) => {
  console.error(
    `The ${PROJECTS.name} subgraph could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
