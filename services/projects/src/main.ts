// Runs the projects subgraph: env -> database -> server -> listen; drains on SIGTERM and SIGINT.
import { portFromEnv, requireGatewaySecret, shutdownOnSignals } from "@twingraph/kit/http";
import { defaultPort } from "@twingraph/kit/manifest";
import { listenSubgraph } from "@twingraph/kit/subgraph";
import { projectsRegistry } from "./editing";
import { buildProjectsSubgraph } from "./schema";
import { openProjectsDatabase, PROJECTS } from "./server";

async function main(): Promise<void> {
  const secret = requireGatewaySecret();
  const [db, subgraph] = await Promise.all([openProjectsDatabase(), buildProjectsSubgraph()]);
  const running = await listenSubgraph(PROJECTS.name, subgraph.schema, db, {
    port: portFromEnv("PROJECTS_PORT", defaultPort(PROJECTS.name)),
    host: process.env.HOST || undefined,
    secret,
    editing: projectsRegistry,
  });
  shutdownOnSignals(running, { service: PROJECTS.name, release: () => db.destroy() });
}

main().catch((error: unknown) => {
  console.error(
    `The ${PROJECTS.name} subgraph could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
