// Runs the agreements subgraph: env -> database -> server -> listen; drains on SIGTERM and SIGINT.
import { portFromEnv, requireGatewaySecret, shutdownOnSignals } from "@twingraph/kit/http";
import { defaultPort } from "@twingraph/kit/manifest";
import { listenSubgraph } from "@twingraph/kit/subgraph";
import { distanceRoutes } from "./distances-route";
import { agreementsEditing } from "./editing";
import { warmNetwork } from "./network/warm";
import { pairPartnershipRoutes } from "./pair-partnerships-route";
import { buildAgreementsSubgraph } from "./schema";
import { AGREEMENTS, openAgreementsDatabase } from "./server";

async function main(): Promise<void> {
  const secret = requireGatewaySecret();
  const [db, subgraph] = await Promise.all([openAgreementsDatabase(), buildAgreementsSubgraph()]);
  const running = await listenSubgraph(AGREEMENTS.name, subgraph.schema, db, {
    port: portFromEnv("AGREEMENTS_PORT", defaultPort(AGREEMENTS.name)),
    host: process.env.HOST || undefined,
    secret,
    editing: agreementsEditing,
    routes: { ...distanceRoutes(db), ...pairPartnershipRoutes(db) },
  });
  shutdownOnSignals(running, { service: AGREEMENTS.name, release: () => db.destroy() });
  if (process.env.TWINGRAPH_WARM_NETWORK !== "0")
    warmNetwork(db).catch((error: unknown) =>
      console.error(
        `agreements: could not compute the whole-network measures: ${error instanceof Error ? error.message : error}`,
      ),
    );
}

main().catch((error: unknown) => {
  console.error(
    `The ${AGREEMENTS.name} subgraph could not start: ${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
});
