// Runs the projects subgraph: env -> database -> server -> listen.
import { portFromEnv } from "@twingraph/kit/http";
import { defaultPort } from "@twingraph/kit/manifest";
import { listenSubgraph } from "@twingraph/kit/subgraph";
import { buildProjectsSubgraph } from "./schema";
import { openProjectsDatabase, PROJECTS } from "./server";

async function main(): Promise<void> {
  const [db, subgraph] = await Promise.all([openProjectsDatabase(), buildProjectsSubgraph()]);
  await listenSubgraph(
    PROJECTS.name,
    subgraph.schema,
    db,
    portFromEnv("PROJECTS_PORT", defaultPort(PROJECTS.name)),
  );
}

main().catch((error: unknown) => {
  console.error(
    `The ${PROJECTS.name} subgraph could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
