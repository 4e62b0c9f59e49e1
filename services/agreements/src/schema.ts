// The agreements subgraph's schema: pure, no I/O.
import { buildSubgraph, type Subgraph } from "@twingraph/kit/subgraph";
import { agreementsEditing } from "./editing";
import { AgreementResolver } from "./resolvers/agreement.resolver";
import { agreementsReferenceResolvers } from "./resolvers/agreements.reference";
import { CityPartnershipsResolver } from "./resolvers/city.resolver";
import { AgreementsEditingResolver } from "./resolvers/editing.resolver";
import { NetworkResolver } from "./resolvers/network.resolver";
import { PartnershipResolver } from "./resolvers/partnership.resolver";

export function buildAgreementsSubgraph(): Promise<Subgraph> {
  return buildSubgraph({
    resolvers: [
      PartnershipResolver,
      AgreementResolver,
      CityPartnershipsResolver,
      NetworkResolver,
      AgreementsEditingResolver,
    ],
    referenceResolvers: agreementsReferenceResolvers,
    editing: agreementsEditing,
  });
}
