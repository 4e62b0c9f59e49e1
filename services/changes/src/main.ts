// Runs the changes subgraph: env -> participants, database -> server -> listen, and the recovery
// pass; drains on SIGTERM and SIGINT.
import { requireGatewaySecret, shutdownOnSignals } from "@twingraph/kit/http";
import { serveChanges } from "./serve";
import { CHANGES } from "./server";

async function main(): Promise<void> {
  const served = await serveChanges(requireGatewaySecret());
  shutdownOnSignals(served.running, { service: CHANGES.name, release: served.release });
}

main().catch((error: unknown) => {
  console.error(
    `The ${CHANGES.name} subgraph could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
