// The news subgraph's schema: pure, no I/O.
import { buildSubgraph, type Subgraph } from "@twingraph/kit/subgraph";
import { newsEditRegistry } from "./editing";
import { AgreementRef, CityRef, PartnershipRef, ProjectRef } from "./entities/refs";
import { EventMutations } from "./resolvers/event.mutations";
import { EventResolver } from "./resolvers/event.resolver";
import { newsReferenceResolvers } from "./resolvers/news.reference";
import { NewsItemMutations } from "./resolvers/news-item.mutations";
import { NewsItemResolver } from "./resolvers/news-item.resolver";
import { NewsSearchResolver } from "./resolvers/news-search.resolver";
import {
  AgreementEventsResolver,
  CityNewsResolver,
  PartnershipNewsResolver,
  ProjectNewsResolver,
} from "./resolvers/refs.resolver";
import { VisitMutations } from "./resolvers/visit.mutations";
import { VisitResolver } from "./resolvers/visit.resolver";

export function buildNewsSubgraph(): Promise<Subgraph> {
  return buildSubgraph({
    resolvers: [
      NewsItemResolver,
      NewsSearchResolver,
      VisitResolver,
      EventResolver,
      CityNewsResolver,
      PartnershipNewsResolver,
      ProjectNewsResolver,
      AgreementEventsResolver,
      VisitMutations,
      NewsItemMutations,
      EventMutations,
    ],
    // type-graphql prints only the types a query reaches; the stubs carry the fields this subgraph adds
    // to other subgraphs' entities, which must not drop out of the SDL when no field returns a stub
    orphanedTypes: [CityRef, PartnershipRef, ProjectRef, AgreementRef],
    referenceResolvers: newsReferenceResolvers,
    editing: newsEditRegistry,
  });
}
