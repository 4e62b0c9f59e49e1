// The internal steps the changes coordinator takes here after a changeset touched cities or
// partnerships (served beside the change routes, behind the gateway secret): which partnerships
// those cities and ids make up, and storing the distances it measured from the cities' places.
import { advanceRedisDataVersion, HttpError, logger } from "@twingraph/kit/http";
import {
  advanceRevision,
  changesTransaction,
  findInBatches,
  idListField,
  type JsonStep,
  RecordRank,
  stepFields,
} from "@twingraph/kit/subgraph";
import { DISTANCE_PATHS, type PartnershipPlaces } from "@twingraph/kit/text";
import { type DataSource, type EntityManager, In } from "typeorm";
import { Partnership } from "./entities/partnership.entity";
import { PartnershipCity } from "./entities/partnership-city.entity";
import { setPartnershipDistances } from "./ingest";
import { AGREEMENTS } from "./server";

export interface DistanceRouteOptions {
  /** Redis whose data version gateways read; default REDIS_URL at each write, none when unset or null */
  redisUrl?: string | null;
}

/**
 * `POST /changes/partnerships-of { cityIds, partnershipIds }` → `{ partnerships }` and
 * `POST /changes/distances { distances }` → `{ stored }`.
 */
export function distanceRoutes(db: DataSource, options: DistanceRouteOptions = {}): Record<string, JsonStep> {
  const { partnershipsOf, distances } = DISTANCE_PATHS;
  return {
    [partnershipsOf]: async (body) => {
      const fields = stepFields(partnershipsOf, body);
      const cityIds = idListField(partnershipsOf, fields, "cityIds");
      const partnershipIds = idListField(partnershipsOf, fields, "partnershipIds");
      return { partnerships: await partnershipsWith(db.manager, cityIds, partnershipIds) };
    },
    [distances]: async (body) => ({
      stored: await storeDistances(db, distancesIn(body), redisUrlOf(options)),
    }),
  };
}

/** The partnerships, not deprecated, with any of these cities or ids, each with its members in order. */
async function partnershipsWith(
  manager: EntityManager,
  cityIds: readonly string[],
  partnershipIds: readonly string[],
): Promise<PartnershipPlaces[]> {
  const viaCities = await findInBatches(unique(cityIds), (batch) =>
    manager
      .getRepository(PartnershipCity)
      .find({ select: { partnershipId: true }, where: { cityId: In(batch) } }),
  );
  const candidates = unique([...partnershipIds, ...viaCities.map((member) => member.partnershipId)]);
  const current = await findInBatches(candidates, (batch) =>
    manager
      .getRepository(Partnership)
      .find({ select: { id: true }, where: { id: In(batch), rank: RecordRank.NORMAL } }),
  );
  const places = new Map<string, string[]>(current.map(({ id }) => [id, []]));
  const members = await findInBatches([...places.keys()], (batch) =>
    manager
      .getRepository(PartnershipCity)
      .find({ where: { partnershipId: In(batch) }, order: { partnershipId: "ASC", position: "ASC" } }),
  );
  for (const member of members) places.get(member.partnershipId)?.push(member.cityId);
  return [...places]
    .map(([id, members]) => ({ id, cityIds: members }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Stores the distances that differ from those stored, with the database's revision moved on in the
 * same transaction (the network's cached measures and gateways' answers give way), then the Redis
 * data version. Sent again, it finds nothing to change and moves nothing on.
 */
async function storeDistances(
  db: DataSource,
  distances: ReadonlyMap<string, number | null>,
  redisUrl: string | null,
): Promise<number> {
  const stored = await changesTransaction(db, async (manager) => {
    const rows = await findInBatches([...distances.keys()], (batch) =>
      manager
        .getRepository(Partnership)
        .find({ select: { id: true, distanceKm: true }, where: { id: In(batch) } }),
    );
    const changed = new Map(
      rows
        .filter((row) => row.distanceKm !== distances.get(row.id))
        .map((row) => [row.id, distances.get(row.id) ?? null]),
    );
    if (changed.size === 0) return 0;
    await setPartnershipDistances(manager, changed);
    await advanceRevision(manager);
    return changed.size;
  });
  if (stored > 0 && redisUrl) await advanceDataVersion(redisUrl);
  return stored;
}

async function advanceDataVersion(redisUrl: string): Promise<void> {
  try {
    await advanceRedisDataVersion(redisUrl);
  } catch (error) {
    // the distances are stored; only gateways' cached answers live on, for their max-age at most
    logger.warn({ service: AGREEMENTS.name, err: error }, "the data version in Redis could not be moved on");
  }
}

/** `{ distances: { [id]: km | null } }`, each km a finite number of 0 or more. */
function distancesIn(body: unknown): Map<string, number | null> {
  const path = DISTANCE_PATHS.distances;
  const value = stepFields(path, body).distances;
  const wrong = () =>
    new HttpError(
      400,
      "BAD_REQUEST",
      `${path}: "distances" must map partnership ids to km (0 or more) or null.`,
    );
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw wrong();
  const distances = new Map<string, number | null>();
  for (const [id, km] of Object.entries(value)) {
    if (km !== null && !(typeof km === "number" && Number.isFinite(km) && km >= 0)) throw wrong();
    distances.set(id, km);
  }
  return distances;
}

function redisUrlOf(options: DistanceRouteOptions): string | null {
  return options.redisUrl !== undefined ? options.redisUrl : process.env.REDIS_URL || null;
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
