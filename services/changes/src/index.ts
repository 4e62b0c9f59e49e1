// The changes subgraph as a library: changesets, the apply coordinator, and the seed's write path.
import type { SubgraphPackage } from "@twingraph/kit/subgraph";
import { buildChangesSubgraph } from "./schema";
import { serveChanges } from "./serve";
import { CHANGES, openChangesDatabase } from "./server";

/** for the seed's and imports' changesets, whose ids name the importing account */
export { newChangesetId } from "@twingraph/kit/subgraph";
export { Changes, type ChangesOptions, type RecoveryReport, type ReportedConflict } from "./coordinator";
export {
  type DerivedSteps,
  derivedSteps,
  derivedStepsFromManifest,
  httpDerivedSteps,
  localDerivedSteps,
  setDerivedSteps,
} from "./distances";
export * from "./entities";
export * from "./ingest";
export { type IngestNewsArgs, ingestNews, MAX_NEWS_INPUT_BYTES } from "./news/ingest-news";
export {
  httpNewsLookups,
  localNewsLookups,
  type NewsLookups,
  newsLookups,
  newsLookupsFromManifest,
  setNewsLookups,
} from "./news/lookups";
export {
  CHANGES_SUBGRAPH,
  changeParticipants,
  participantsFromManifest,
  setChangeParticipants,
} from "./participants";
export {
  DEFAULT_RECOVERY_MS,
  type RecoveryLoop,
  recoveryIntervalFromEnv,
  startChangesRecovery,
} from "./recovery";
export { buildChangesSubgraph } from "./schema";
export { serveChanges } from "./serve";
export { CHANGES, openChangesDatabase } from "./server";

/** found by tools through schema/subgraphs.json */
export const subgraph: SubgraphPackage = {
  name: CHANGES.name,
  build: buildChangesSubgraph,
  open: openChangesDatabase,
  serve: serveChanges,
};
