// Runs the news subgraph: env -> database -> server -> listen; drains on SIGTERM and SIGINT.
import { portFromEnv, requireGatewaySecret, shutdownOnSignals } from "@twingraph/kit/http";
import { defaultPort } from "@twingraph/kit/manifest";
import { listenSubgraph } from "@twingraph/kit/subgraph";
import { newsEditRegistry } from "./editing";
import { newsSeenRoutes } from "./news-seen-route";
import { buildNewsSubgraph } from "./schema";
import { NEWS, openNewsDatabase } from "./server";

async function main(): Promise<void> {
  const secret = requireGatewaySecret();
  const [db, subgraph] = await Promise.all([openNewsDatabase(), buildNewsSubgraph()]);
  const running = await listenSubgraph(NEWS.name, subgraph.schema, db, {
    port: portFromEnv("NEWS_PORT", defaultPort(NEWS.name)),
    host: process.env.HOST || undefined,
    secret,
    editing: newsEditRegistry,
    routes: newsSeenRoutes(db),
  });
  shutdownOnSignals(running, { service: NEWS.name, release: () => db.destroy() });
}

main().catch((error: unknown) => {
  console.error(
    `The ${NEWS.name} subgraph could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
