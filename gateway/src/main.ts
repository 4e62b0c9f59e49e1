// Runs the gateway alone, in front of subgraphs that are already running: the supergraph from
// SUPERGRAPH_FILE (default schema/supergraph.graphql), the port from GATEWAY_PORT, each subgraph's
// URL from <NAME>_URL (CITIES_URL and the like), else the one the supergraph names, the secret the
// subgraphs require from GATEWAY_SECRET (or GATEWAY_SECRET_FILE), and HOST to listen on one address
// rather than every interface. Drains on SIGTERM and SIGINT.
import { portFromEnv, requireGatewaySecret, shutdownOnSignals } from "@twingraph/kit/http";
import { GATEWAY_PORT, startGateway } from "./server";
import { readSupergraph } from "./supergraph";

async function main(): Promise<void> {
  // the subgraph client reads the secret itself; without one every subgraph would refuse the gateway
  requireGatewaySecret();
  const running = await startGateway(
    portFromEnv("GATEWAY_PORT", GATEWAY_PORT),
    { supergraphSdl: readSupergraph() },
    process.env.HOST || undefined,
  );
  shutdownOnSignals(running, { service: "gateway" });
  console.log(`gateway ready at ${running.url}`);
}

main().catch((error: unknown) => {
  console.error(`The gateway could not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
