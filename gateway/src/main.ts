// Runs the gateway alone, in front of subgraphs that are already running.
import { portFromEnv } from "@twingraph/kit/http";
import { GATEWAY_PORT, startGateway } from "./server";

startGateway(portFromEnv("GATEWAY_PORT", GATEWAY_PORT))
  .then((running) => console.log(`gateway ready at ${running.url}`))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
