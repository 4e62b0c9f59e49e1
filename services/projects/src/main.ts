// Runs the projects subgraph: env -> database -> server -> listen; drains on SIGTERM and SIGINT.
import { requireGatewaySecret, shutdownOnSignals } from "@twingraph/kit/http";
import { serveProjects } from "./serve";
import { PROJECTS } from "./server";

async function main(): Promise<void> {
  const served = await serveProjects(requireGatewaySecret());
  shutdownOnSignals(served.running, { service: PROJECTS.name, release: served.release });
}

main().catch((error: unknown) => {
  console.error(
    `The ${PROJECTS.name} subgraph could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
