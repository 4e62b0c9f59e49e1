// Serves the news subgraph as deployed: its database on NEWS_PORT, with the internal route the
// changes subgraph takes (news items seen).
import { portFromEnv } from "@twingraph/kit/http";
import { defaultPort } from "@twingraph/kit/manifest";
import { listenSubgraph, type ServedSubgraph } from "@twingraph/kit/subgraph";
import { newsEditRegistry } from "./editing";
import { newsSeenRoutes } from "./news-seen-route";
import { buildNewsSubgraph } from "./schema";
import { NEWS, openNewsDatabase } from "./server";

export async function serveNews(secret: string): Promise<ServedSubgraph> {
  const [db, subgraph] = await Promise.all([openNewsDatabase(), buildNewsSubgraph()]);
  const running = await listenSubgraph(NEWS.name, subgraph.schema, db, {
    port: portFromEnv("NEWS_PORT", defaultPort(NEWS.name)),
    host: process.env.HOST || undefined,
    secret,
    editing: newsEditRegistry,
    routes: newsSeenRoutes(db),
  });
  return { running, db, schema: subgraph.schema, release: () => db.destroy() };
}
