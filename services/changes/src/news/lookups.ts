// What ingestNews asks the data subgraphs while it plans (NEWS_LOOKUP_PATHS): the graph's cities a
// name key may mean, the partnership joining two cities, a news item seen before. Like the apply
// protocol's participants, the steps are reached over HTTP behind the gateway secret, or called in
// process (the routes' own functions) in a federation without sockets, and set per changes database.
import { readSubgraphManifest, type SubgraphEntry } from "@twingraph/kit/manifest";
import { DEFAULT_STEP_TIMEOUT_MS, type JsonStep } from "@twingraph/kit/subgraph";
import {
  type GraphPlaceCandidate,
  MAX_LOOKUP_ITEMS,
  NEWS_LOOKUP_PATHS,
  type PairPartnership,
} from "@twingraph/kit/text";
import type { DataSource } from "typeorm";
import { postJsonStep } from "../distances";
import { subgraphOrigin } from "../participants";

/** The subgraphs that answer the lookups. */
export const LOOKUP_SUBGRAPHS = ["cities", "agreements", "news"] as const;
export type LookupSubgraph = (typeof LOOKUP_SUBGRAPHS)[number];

export interface NewsLookups {
  /** cities: the graph's cities (not deprecated) with a name whose key or stem is one of these */
  placeCandidates(keys: readonly string[]): Promise<GraphPlaceCandidate[]>;
  /** agreements: the partnership (not deprecated) joining each pair, where one does */
  pairPartnerships(pairs: readonly [string, string][]): Promise<PairPartnership[]>;
  /** news: the news item with this url or content hash, applied or proposed; null when none */
  newsSeen(url: string | null, contentHash: string): Promise<string | null>;
}

/** Sends one step's JSON body to the subgraph that serves it and returns its JSON answer. */
type StepCall = (subgraph: LookupSubgraph, path: string, body: Record<string, unknown>) => Promise<unknown>;

/** Lists longer than a lookup takes are asked in several requests. */
async function inChunks<T, R>(items: readonly T[], ask: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const answers: R[] = [];
  for (let start = 0; start < items.length; start += MAX_LOOKUP_ITEMS)
    answers.push(...(await ask(items.slice(start, start + MAX_LOOKUP_ITEMS))));
  return answers;
}

function lookupsOver(call: StepCall): NewsLookups {
  const { placeCandidates, pairPartnerships, newsSeen } = NEWS_LOOKUP_PATHS;
  return {
    placeCandidates: (keys) =>
      inChunks(
        keys,
        async (chunk) =>
          ((await call("cities", placeCandidates, { keys: chunk })) as { candidates: GraphPlaceCandidate[] })
            .candidates,
      ),
    pairPartnerships: (pairs) =>
      inChunks(
        pairs,
        async (chunk) =>
          (
            (await call("agreements", pairPartnerships, { pairs: chunk })) as {
              partnerships: PairPartnership[];
            }
          ).partnerships,
      ),
    newsSeen: async (url, contentHash) =>
      ((await call("news", newsSeen, { url, contentHash })) as { newsItemId: string | null }).newsItemId,
  };
}

/** The lookups in this process: the routes each subgraph would serve, by subgraph. */
export function localNewsLookups(
  routes: Record<LookupSubgraph, Readonly<Record<string, JsonStep>>>,
): NewsLookups {
  return lookupsOver(async (subgraph, path, body) => {
    const step = routes[subgraph][path];
    if (!step) throw new Error(`The ${subgraph} subgraph has no step ${path}.`);
    return step(body);
  });
}

/** The lookups over HTTP, behind the gateway secret: `origins` are http://host:port. */
export function httpNewsLookups(
  origins: Record<LookupSubgraph, string>,
  secret: string,
  timeoutMs = DEFAULT_STEP_TIMEOUT_MS,
): NewsLookups {
  return lookupsOver((subgraph, path, body) =>
    postJsonStep(new URL(path, origins[subgraph]), secret, body, timeoutMs),
  );
}

/** The lookups at the manifest's subgraphs (<NAME>_URL as for the participants); null without all three. */
export function newsLookupsFromManifest(
  secret: string,
  env: NodeJS.ProcessEnv = process.env,
  entries: readonly SubgraphEntry[] = readSubgraphManifest(),
): NewsLookups | null {
  const origins: Partial<Record<LookupSubgraph, string>> = {};
  for (const name of LOOKUP_SUBGRAPHS) {
    const entry = entries.find((candidate) => candidate.name === name);
    if (!entry) return null;
    origins[name] = subgraphOrigin(entry, env);
  }
  return httpNewsLookups(origins as Record<LookupSubgraph, string>, secret);
}

let defaultLookups: NewsLookups | null = null;
/** A process that serves several federations (tests) gives each changes database its own. */
const lookupsByDatabase = new WeakMap<DataSource, NewsLookups | null>();

/** The lookups of every changes database in this process, or of `db` alone; null for none. */
export function setNewsLookups(lookups: NewsLookups | null, db?: DataSource): void {
  if (db) lookupsByDatabase.set(db, lookups);
  else defaultLookups = lookups;
}

export function newsLookups(db?: DataSource): NewsLookups | null {
  return db && lookupsByDatabase.has(db) ? (lookupsByDatabase.get(db) ?? null) : defaultLookups;
}
