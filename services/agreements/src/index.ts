// The agreements subgraph as a library: entities, schema, database and writes.
import type { SubgraphPackage } from "@twingraph/kit/subgraph";
import { buildAgreementsSubgraph } from "./schema";
import { serveAgreements } from "./serve";
import { AGREEMENTS, openAgreementsDatabase } from "./server";

export { type DistanceRouteOptions, distanceRoutes } from "./distances-route";
export { agreementEditing, agreementsEditing, partnershipEditing } from "./editing";
export * from "./entities";
export * from "./ingest";
export { networkView } from "./network/cache";
export { warmNetwork } from "./network/warm";
export { pairPartnershipRoutes, pairPartnerships } from "./pair-partnerships-route";
export { buildAgreementsSubgraph } from "./schema";
export { serveAgreements } from "./serve";
export { AGREEMENTS, openAgreementsDatabase } from "./server";

/** found by tools through schema/subgraphs.json */
export const subgraph: SubgraphPackage = {
  name: AGREEMENTS.name,
  build: buildAgreementsSubgraph,
  open: openAgreementsDatabase,
  serve: serveAgreements,
};
