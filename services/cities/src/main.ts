// Runs the cities subgraph: env -> database -> server -> listen; drains on SIGTERM and SIGINT.
import { requireGatewaySecret, shutdownOnSignals } from "@twingraph/kit/http";
import { serveCities } from "./serve";
import { CITIES } from "./server";

async function main(): Promise<void> {
  const served = await serveCities(requireGatewaySecret());
  shutdownOnSignals(served.running, { service: CITIES.name, release: served.release });
}

main().catch((error: unknown) => {
  console.error(
    `The ${CITIES.name} subgraph could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
