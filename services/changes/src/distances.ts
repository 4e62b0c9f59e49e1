// Partnership distances after an applied changeset. A partnership's distance joins two subgraphs'
// data (its members in agreements, their coordinates in cities), so no participant's commit can
// compute it: once every participant committed a changeset that touched City or Partnership
// records, the coordinator asks agreements which partnerships those make up, asks cities where their
// members are, and has agreements store the distances (the kit's partnershipDistanceKm, the seed's
// rule). Until that went through the changeset stays APPLYING/COMMITTING and the recovery pass runs
// it again: every step reads afresh and storing the same distances twice changes nothing.

import { GATEWAY_SECRET_HEADER, logger } from "@twingraph/kit/http";
import { readSubgraphManifest, type SubgraphEntry } from "@twingraph/kit/manifest";
import {
  type ChangeParticipant,
  DEFAULT_STEP_TIMEOUT_MS,
  type JsonStep,
  type ProposedEdit,
} from "@twingraph/kit/subgraph";
import {
  type CityLocation,
  DISTANCE_PATHS,
  type PartnershipPlaces,
  partnershipDistanceKm,
} from "@twingraph/kit/text";
import type { DataSource } from "typeorm";
import type { Changeset } from "./entities";
import { subgraphOrigin } from "./participants";

/** The subgraphs that own what distances are made of, and the entity each holds. */
export const DISTANCE_SUBGRAPHS = { cities: "City", agreements: "Partnership" } as const;
type DistanceSubgraph = keyof typeof DISTANCE_SUBGRAPHS;

/** The internal steps derived data takes at the subgraphs that own it (DISTANCE_PATHS). */
export interface DerivedSteps {
  /** cities: where these cities are; those without coordinates are left out */
  locations(cityIds: readonly string[]): Promise<CityLocation[]>;
  /** agreements: the partnerships, not deprecated, with any of these cities or ids */
  partnershipsOf(cityIds: readonly string[], partnershipIds: readonly string[]): Promise<PartnershipPlaces[]>;
  /** agreements: stores these distances; how many differed from those stored */
  storeDistances(distances: Record<string, number | null>): Promise<number>;
}

/** Sends one step's JSON body to the subgraph that serves it and returns its JSON answer. */
type StepCall = (subgraph: DistanceSubgraph, path: string, body: Record<string, unknown>) => Promise<unknown>;

function derivedStepsOver(call: StepCall): DerivedSteps {
  return {
    locations: async (cityIds) =>
      ((await call("cities", DISTANCE_PATHS.locations, { cityIds })) as { locations: CityLocation[] })
        .locations,
    partnershipsOf: async (cityIds, partnershipIds) =>
      (
        (await call("agreements", DISTANCE_PATHS.partnershipsOf, { cityIds, partnershipIds })) as {
          partnerships: PartnershipPlaces[];
        }
      ).partnerships,
    storeDistances: async (distances) =>
      ((await call("agreements", DISTANCE_PATHS.distances, { distances })) as { stored: number }).stored,
  };
}

/** The steps in this process: the routes each subgraph would serve (locationRoutes, distanceRoutes). */
export function localDerivedSteps(
  routes: Record<DistanceSubgraph, Readonly<Record<string, JsonStep>>>,
): DerivedSteps {
  return derivedStepsOver(async (subgraph, path, body) => {
    const step = routes[subgraph][path];
    if (!step) throw new Error(`The ${subgraph} subgraph has no step ${path}.`);
    return step(body);
  });
}

/** The steps over HTTP, behind the gateway secret: `origins` are http://host:port. */
export function httpDerivedSteps(
  origins: Record<DistanceSubgraph, string>,
  secret: string,
  timeoutMs = DEFAULT_STEP_TIMEOUT_MS,
): DerivedSteps {
  return derivedStepsOver((subgraph, path, body) =>
    postJsonStep(new URL(path, origins[subgraph]), secret, body, timeoutMs),
  );
}

/** The steps at the manifest's cities and agreements (<NAME>_URL as for the participants); null without both. */
export function derivedStepsFromManifest(
  secret: string,
  env: NodeJS.ProcessEnv = process.env,
  entries: readonly SubgraphEntry[] = readSubgraphManifest(),
): DerivedSteps | null {
  const cities = entries.find((entry) => entry.name === "cities");
  const agreements = entries.find((entry) => entry.name === "agreements");
  if (!cities || !agreements) return null;
  return httpDerivedSteps(
    { cities: subgraphOrigin(cities, env), agreements: subgraphOrigin(agreements, env) },
    secret,
  );
}

/** POSTs an internal step's JSON body behind the gateway secret; its JSON answer, or an error saying why. */
export async function postJsonStep(
  url: URL,
  secret: string,
  body: Record<string, unknown>,
  timeoutMs: number,
): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", [GATEWAY_SECRET_HEADER]: secret },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

let defaultSteps: DerivedSteps | null = null;
/** A process that serves several federations (tests) gives each changes database its own. */
const stepsByDatabase = new WeakMap<DataSource, DerivedSteps | null>();

/** The derived steps of every changes database in this process, or of `db` alone; null for none. */
export function setDerivedSteps(steps: DerivedSteps | null, db?: DataSource): void {
  if (db) stepsByDatabase.set(db, steps);
  else defaultSteps = steps;
}

export function derivedSteps(db?: DataSource): DerivedSteps | null {
  return db && stepsByDatabase.has(db) ? (stepsByDatabase.get(db) ?? null) : defaultSteps;
}

/** The records distances depend on that a changeset's applied edits touched. */
export interface Touched {
  cityIds: string[];
  partnershipIds: string[];
}

export function touchedBy(edits: readonly Pick<ProposedEdit, "entity" | "recordId" | "state">[]): Touched {
  const applied = edits.filter((edit) => edit.state === "APPLIED");
  const idsOf = (entity: string) => [
    ...new Set(applied.filter((edit) => edit.entity === entity).map((edit) => edit.recordId)),
  ];
  return { cityIds: idsOf(DISTANCE_SUBGRAPHS.cities), partnershipIds: idsOf(DISTANCE_SUBGRAPHS.agreements) };
}

/**
 * Measures the partnerships the touched records make up and stores their distances; how many
 * changed. The partnerships' members are read first and their places after, both after the commits.
 */
export async function measureTouched(steps: DerivedSteps, touched: Touched): Promise<number> {
  if (touched.cityIds.length === 0 && touched.partnershipIds.length === 0) return 0;
  const partnerships = await steps.partnershipsOf(touched.cityIds, touched.partnershipIds);
  if (partnerships.length === 0) return 0;
  const members = [...new Set(partnerships.flatMap((partnership) => partnership.cityIds))];
  const places = new Map((await steps.locations(members)).map((place) => [place.id, place]));
  const distances = Object.fromEntries(
    partnerships.map(({ id, cityIds }) => [
      id,
      partnershipDistanceKm(cityIds.map((city) => places.get(city))),
    ]),
  );
  return steps.storeDistances(distances);
}

/**
 * One measurement at a time in this process: each reads after the commits before it, so the last
 * stored is never older than the last commit, whatever order two changesets' measurements run in.
 */
let measuring: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = measuring.then(work);
  measuring = run.catch(() => undefined);
  return run;
}

/**
 * The distances step of a changeset every participant has committed: its applied edits in cities
 * and agreements say what it touched. True when done (or nothing to do); false, logged, when a
 * subgraph failed, so the changeset stays COMMITTING for the recovery pass.
 */
export async function measureDistances(
  changeset: Pick<Changeset, "id" | "subgraphs">,
  participants: readonly ChangeParticipant[],
  steps: DerivedSteps | null,
): Promise<boolean> {
  const owners = participants.filter(
    (participant) =>
      Object.hasOwn(DISTANCE_SUBGRAPHS, participant.name) && changeset.subgraphs.includes(participant.name),
  );
  if (!steps || owners.length === 0) return true;
  try {
    const edits = await Promise.all(owners.map((participant) => participant.edits(changeset.id)));
    const stored = await oneAtATime(() => measureTouched(steps, touchedBy(edits.flat())));
    if (stored > 0)
      logger.info({ service: "changes", changesetId: changeset.id, stored }, "distances measured");
    return true;
  } catch (error) {
    logger.warn(
      { service: "changes", changesetId: changeset.id, err: error },
      "the distances could not be measured: the recovery pass measures them again",
    );
    return false;
  }
}
