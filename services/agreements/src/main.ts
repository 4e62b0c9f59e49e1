// Runs the agreements subgraph: env -> database -> server -> listen; drains on SIGTERM and SIGINT.
import { requireGatewaySecret, shutdownOnSignals } from "@twingraph/kit/http";
import { serveAgreements } from "./serve";
import { AGREEMENTS } from "./server";

async function main(): Promise<void> {
  const served = await serveAgreements(requireGatewaySecret());
  shutdownOnSignals(served.running, { service: AGREEMENTS.name, release: served.release });
}

main().catch((error: unknown) => {
  console.error(
    `The ${AGREEMENTS.name} subgraph could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
