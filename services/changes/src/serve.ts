// Serves the changes subgraph as deployed: its database on CHANGES_PORT, the other subgraphs
// reached over HTTP as participants and lookups (their <NAME>_URL, else the manifest's ports), the
// recovery pass, and the gazetteer indexed once the start is over (TWINGRAPH_WARM_DELAY_MS after
// listening).
import { logger, portFromEnv, warmUpLater } from "@twingraph/kit/http";
import { defaultPort } from "@twingraph/kit/manifest";
import { listenSubgraph, type ServedSubgraph } from "@twingraph/kit/subgraph";
import { loadCountryNames, loadHtmlParser } from "@twingraph/news-extract";
import { Changes } from "./coordinator";
import { derivedStepsFromManifest, setDerivedSteps } from "./distances";
import { newsLookupsFromManifest, setNewsLookups } from "./news/lookups";
import { warmGazetteer } from "./news/plan-lookups";
import { participantsFromManifest, setChangeParticipants } from "./participants";
import { recoveryIntervalFromEnv, startChangesRecovery } from "./recovery";
import { buildChangesSubgraph } from "./schema";
import { CHANGES, openChangesDatabase } from "./server";

export async function serveChanges(secret: string): Promise<ServedSubgraph> {
  const recoveryMs = recoveryIntervalFromEnv();
  setChangeParticipants(participantsFromManifest(secret));
  setDerivedSteps(derivedStepsFromManifest(secret));
  setNewsLookups(newsLookupsFromManifest(secret));
  const [db, subgraph] = await Promise.all([openChangesDatabase(), buildChangesSubgraph()]);
  const running = await listenSubgraph(CHANGES.name, subgraph.schema, db, {
    port: portFromEnv("CHANGES_PORT", defaultPort(CHANGES.name)),
    host: process.env.HOST || undefined,
    secret,
  });
  const recovery = startChangesRecovery(new Changes(db), recoveryMs);
  // an ingestion that comes before the warm-up begins indexes the gazetteer itself
  const warmUp = warmUpLater(() => void warmGazetteerAtStart(), { disabledBy: "TWINGRAPH_WARM_GAZETTEER" });
  return {
    running,
    db,
    schema: subgraph.schema,
    async release() {
      warmUp.cancel();
      await recovery.stop();
      await db.destroy();
    },
  };
}

/**
 * Loads what reading a news text takes (the HTML parser, the country names), then indexes the
 * gazetteer ingestNews links places with, in steps that let the process answer meanwhile, so that
 * the first ingestion does not outlast the gateway's timeout.
 */
async function warmGazetteerAtStart(): Promise<void> {
  try {
    loadHtmlParser();
    loadCountryNames();
    logger.info({ service: CHANGES.name, ms: await warmGazetteer() }, "gazetteer indexed for ingestNews");
  } catch (error) {
    logger.warn(
      { service: CHANGES.name, err: error },
      "the gazetteer could not be read: ingestNews will try again",
    );
  }
}
