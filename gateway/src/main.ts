// Runs the gateway alone, in front of subgraphs that are already running: the supergraph from
// SUPERGRAPH_FILE (default schema/supergraph.graphql), the port from GATEWAY_PORT, and each
// subgraph's URL from <NAME>_URL (CITIES_URL and the like), else the one the supergraph names.
import { portFromEnv } from "@twingraph/kit/http";
import { GATEWAY_PORT, startGateway } from "./server";
import { readSupergraph } from "./supergraph";

startGateway(portFromEnv("GATEWAY_PORT", GATEWAY_PORT), { supergraphSdl: readSupergraph() })
  .then((running) => console.log(`gateway ready at ${running.url}`))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
