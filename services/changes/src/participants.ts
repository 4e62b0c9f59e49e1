// The subgraphs that take part in applying changesets: set once by whoever runs this subgraph (its
// main from the manifest and the environment, the test harness with local ones), read per request.
import { readSubgraphManifest, type SubgraphEntry } from "@twingraph/kit/manifest";
import { type ChangeParticipant, DEFAULT_STEP_TIMEOUT_MS, httpParticipant } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";

export const CHANGES_SUBGRAPH = "changes";

let participants: readonly ChangeParticipant[] = [];
/** A process that serves several federations (tests) gives each changes database its own. */
const participantsByDatabase = new WeakMap<DataSource, readonly ChangeParticipant[]>();

/** The participants of every changes database in this process, or of `db` alone. */
export function setChangeParticipants(list: readonly ChangeParticipant[], db?: DataSource): void {
  if (db) participantsByDatabase.set(db, [...list]);
  else participants = [...list];
}

export function changeParticipants(db?: DataSource): readonly ChangeParticipant[] {
  return (db && participantsByDatabase.get(db)) || participants;
}

/**
 * Every other subgraph of the manifest over HTTP: at its <NAME>_URL (the variables the gateway is
 * given, e.g. CITIES_URL=http://127.0.0.1:4001/graphql), else the manifest's url; its origin only,
 * as the change routes hang off the root.
 */
export function participantsFromManifest(
  secret: string,
  env: NodeJS.ProcessEnv = process.env,
  entries: readonly SubgraphEntry[] = readSubgraphManifest(),
): ChangeParticipant[] {
  const timeoutMs = stepTimeoutMs(env);
  return entries
    .filter((entry) => entry.name !== CHANGES_SUBGRAPH)
    .map((entry) => httpParticipant(entry.name, subgraphOrigin(entry, env), secret, { timeoutMs }));
}

/**
 * CHANGES_STEP_TIMEOUT_MS, else the kit's default: how long one step (a prepare, a commit) may take
 * in one subgraph. Committing a large import's revert takes seconds per thousand records.
 */
function stepTimeoutMs(env: NodeJS.ProcessEnv): number {
  const value = env.CHANGES_STEP_TIMEOUT_MS;
  if (value === undefined || value === "") return DEFAULT_STEP_TIMEOUT_MS;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new Error(`CHANGES_STEP_TIMEOUT_MS must be a positive whole number, got "${value}"`);
  return number;
}

/** Where a subgraph of the manifest answers: its <NAME>_URL, else the manifest's url; the origin only. */
export function subgraphOrigin(entry: SubgraphEntry, env: NodeJS.ProcessEnv = process.env): string {
  return new URL(env[`${entry.name.toUpperCase()}_URL`] || entry.url).origin;
}
