// The news subgraph's schema: pure, no I/O.
import { buildSubgraph, type Subgraph } from "@twingraph/kit/subgraph";
import { AgreementRef, CityRef, PartnershipRef, ProjectRef } from "./entities/refs";
import { EventResolver } from "./resolvers/event.resolver";
import { newsReferenceResolvers } from "./resolvers/news.reference";
import { NewsItemResolver } from "./resolvers/news-item.resolver";
import {
  AgreementEventsResolver,
  CityNewsResolver,
  PartnershipNewsResolver,
  ProjectNewsResolver,
} from "./resolvers/refs.resolver";
import { VisitResolver } from "./resolvers/visit.resolver";

export function buildNewsSubgraph(): Promise<Subgraph> {
  return buildSubgraph({
    resolvers: [
      NewsItemResolver,
      VisitResolver,
      EventResolver,
      CityNewsResolver,
      PartnershipNewsResolver,
      ProjectNewsResolver,
      AgreementEventsResolver,
    ],
    // type-graphql prints only the types a query reaches; no field returns a Partnership, so its stub
    // (and the fields added to it) would silently drop out of the SDL without this
    orphanedTypes: [CityRef, PartnershipRef, ProjectRef, AgreementRef],
    referenceResolvers: newsReferenceResolvers,
  });
}
