// Runs the news subgraph: env -> database -> server -> listen; drains on SIGTERM and SIGINT.
import { requireGatewaySecret, shutdownOnSignals } from "@twingraph/kit/http";
import { serveNews } from "./serve";
import { NEWS } from "./server";

async function main(): Promise<void> {
  const served = await serveNews(requireGatewaySecret());
  shutdownOnSignals(served.running, { service: NEWS.name, release: served.release });
}

main().catch((error: unknown) => {
  console.error(
    `The ${NEWS.name} subgraph could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
