// The internal step ingestNews takes here (served beside the change routes, behind the gateway
// secret): which partnership already joins two cities a news item names, so that a visit or a new
// agreement is linked to it instead of proposing the partnership again.
import { HttpError } from "@twingraph/kit/http";
import { findInBatches, type JsonStep, RecordRank, stepFields } from "@twingraph/kit/subgraph";
import { MAX_LOOKUP_ITEMS, NEWS_LOOKUP_PATHS, type PairPartnership, pairKey } from "@twingraph/kit/text";
import { type DataSource, type EntityManager, In } from "typeorm";
import { Partnership } from "./entities/partnership.entity";
import { PartnershipCity } from "./entities/partnership-city.entity";

/** `POST /changes/pair-partnerships { pairs }` → `{ partnerships }`: per pair joined, one partnership not deprecated. */
export function pairPartnershipRoutes(db: DataSource): Record<string, JsonStep> {
  const path = NEWS_LOOKUP_PATHS.pairPartnerships;
  return {
    [path]: async (body) => ({ partnerships: await pairPartnerships(db.manager, pairsIn(path, body)) }),
  };
}

function pairsIn(path: string, body: unknown): [string, string][] {
  const pairs = stepFields(path, body).pairs;
  const isPair = (pair: unknown) =>
    Array.isArray(pair) &&
    pair.length === 2 &&
    pair.every((id) => typeof id === "string" && id !== "") &&
    pair[0] !== pair[1];
  if (!Array.isArray(pairs) || !pairs.every(isPair))
    throw new HttpError(
      400,
      "BAD_REQUEST",
      `${path}: "pairs" must be a list of two different city ids each.`,
    );
  if (pairs.length > MAX_LOOKUP_ITEMS)
    throw new HttpError(400, "BAD_REQUEST", `${path}: at most ${MAX_LOOKUP_ITEMS} pairs per request.`);
  return pairs as [string, string][];
}

/**
 * For each pair, the partnership whose members include both: one of exactly these two before a
 * group's, and of several the smallest id, so that the answer is stable.
 */
export async function pairPartnerships(
  manager: EntityManager,
  pairs: readonly [string, string][],
): Promise<PairPartnership[]> {
  const cityIds = [...new Set(pairs.flat())];
  const memberships = await findInBatches(cityIds, (batch) =>
    manager
      .getRepository(PartnershipCity)
      .find({ select: { partnershipId: true }, where: { cityId: In(batch) } }),
  );
  const current = await findInBatches([...new Set(memberships.map((row) => row.partnershipId))], (batch) =>
    manager.getRepository(Partnership).find({
      select: { id: true },
      where: { id: In(batch), rank: RecordRank.NORMAL },
      order: { id: "ASC" },
    }),
  );
  const members = new Map<string, Set<string>>(current.map(({ id }) => [id, new Set()]));
  const rows = await findInBatches([...members.keys()], (batch) =>
    manager.getRepository(PartnershipCity).find({ where: { partnershipId: In(batch) } }),
  );
  for (const row of rows) members.get(row.partnershipId)?.add(row.cityId);
  const ordered = [...members].sort(
    ([a, aMembers], [b, bMembers]) => aMembers.size - bMembers.size || (a < b ? -1 : a > b ? 1 : 0),
  );
  const answers = new Map<string, PairPartnership>();
  for (const [a, b] of pairs) {
    const pair = pairKey(a, b);
    if (answers.has(pair)) continue;
    const joined = ordered.find(([, cities]) => cities.has(a) && cities.has(b));
    if (joined) answers.set(pair, { pair, id: joined[0] });
  }
  return [...answers.values()];
}
