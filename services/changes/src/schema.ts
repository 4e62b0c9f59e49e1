// The changes subgraph's schema: pure, no I/O.
import { buildSubgraph, type Subgraph } from "@twingraph/kit/subgraph";
import { IngestNewsResolver } from "./news/ingest-news.resolver";
import { changesReferenceResolvers } from "./resolvers/changes.reference";
import { ChangesetResolver } from "./resolvers/changeset.resolver";

export function buildChangesSubgraph(): Promise<Subgraph> {
  return buildSubgraph({
    resolvers: [ChangesetResolver, IngestNewsResolver],
    referenceResolvers: changesReferenceResolvers,
  });
}
