// Serves the agreements subgraph as deployed: its database on AGREEMENTS_PORT, with the internal
// routes the changes subgraph takes (distances, pair partnerships), and the whole-network measures
// computed in the background once the start is over (TWINGRAPH_WARM_DELAY_MS after listening;
// TWINGRAPH_WARM_NETWORK=0 leaves them to the first read).
import { portFromEnv, warmUpLater } from "@twingraph/kit/http";
import { defaultPort } from "@twingraph/kit/manifest";
import { listenSubgraph, type ServedSubgraph } from "@twingraph/kit/subgraph";
import { distanceRoutes } from "./distances-route";
import { agreementsEditing } from "./editing";
import { warmNetwork } from "./network/warm";
import { pairPartnershipRoutes } from "./pair-partnerships-route";
import { buildAgreementsSubgraph } from "./schema";
import { AGREEMENTS, openAgreementsDatabase } from "./server";

export async function serveAgreements(secret: string): Promise<ServedSubgraph> {
  const [db, subgraph] = await Promise.all([openAgreementsDatabase(), buildAgreementsSubgraph()]);
  const running = await listenSubgraph(AGREEMENTS.name, subgraph.schema, db, {
    port: portFromEnv("AGREEMENTS_PORT", defaultPort(AGREEMENTS.name)),
    host: process.env.HOST || undefined,
    secret,
    editing: agreementsEditing,
    routes: { ...distanceRoutes(db), ...pairPartnershipRoutes(db) },
  });
  // a read that needs the measures before the warm-up begins starts their computation itself
  const warmUp = warmUpLater(
    () =>
      warmNetwork(db).catch((error: unknown) =>
        console.error(
          `agreements: could not compute the whole-network measures: ${error instanceof Error ? error.message : error}`,
        ),
      ),
    { disabledBy: "TWINGRAPH_WARM_NETWORK" },
  );
  return {
    running,
    db,
    schema: subgraph.schema,
    async release() {
      warmUp.cancel();
      await db.destroy();
    },
  };
}
