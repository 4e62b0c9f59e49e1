// The agreements subgraph's one write path, for the seed and imports (run by the seed's writeGraph,
// which moves the database's revision on afterwards) and for applied edits (run by the kit), and the
// reads that merging needs: partnerships and agreements are upserted by id, their sources
// accumulate, and the membership and agreement-city index rows are rewritten with them. The seed's
// and imports' upserts keep history (trackChanges); an applied edit's write is versioned by the kit.
import {
  chunks,
  findInBatches,
  insertRows,
  SqlStatement,
  selectRows,
  trackChanges,
  uniqueBy,
} from "@twingraph/kit/subgraph";
import { mergeSources, type SourceRecord } from "@twingraph/kit/text";
import { type EntityManager, In } from "typeorm";
import { agreementsEditing } from "./editing";
import { Agreement, type PartyRecord, type Signatory } from "./entities/agreement.entity";
import { AgreementCity } from "./entities/agreement-city.entity";
import { type AgreementKind, type PartnershipKind, PartnershipStatus } from "./entities/enums";
import { Partnership } from "./entities/partnership.entity";
import { memberRows, PartnershipCity } from "./entities/partnership-city.entity";

export interface PartnershipInput {
  id: string;
  name?: string | null;
  kind: PartnershipKind;
  status: PartnershipStatus;
  cityIds: string[];
  since?: string | null;
  until?: string | null;
  memberCount?: number | null;
  sources: SourceRecord[];
}

export interface AgreementInput {
  id: string;
  title: string;
  kind: AgreementKind;
  partnershipId?: string | null;
  parties: PartyRecord[];
  signatories: Signatory[];
  signedOn?: string | null;
  signedAtCityId?: string | null;
  validFrom?: string | null;
  validUntil?: string | null;
  renewal?: string | null;
  basedOnId?: string | null;
  areas: string[];
  languages: string[];
  sources: SourceRecord[];
}

/** A partnership's whole editable state: what an edit sets and what history keeps. */
export type PartnershipValues = Required<Omit<PartnershipInput, "id">>;

/** An agreement's whole editable state: what an edit sets and what history keeps. */
export type AgreementValues = Required<Omit<AgreementInput, "id">>;

/**
 * Creates or updates partnerships; an existing one keeps its fields and members and gains the new
 * sources. A partnership named twice in one call is one partnership with both sources.
 */
export function upsertPartnerships(
  manager: EntityManager,
  inputs: readonly PartnershipInput[],
): Promise<void> {
  return trackChanges(manager, "Partnership", agreementsEditing, idsOf(inputs), () =>
    mergePartnerships(manager, inputs),
  );
}

async function mergePartnerships(manager: EntityManager, inputs: readonly PartnershipInput[]): Promise<void> {
  const repository = manager.getRepository(Partnership);
  const unique = uniqueBy(
    inputs,
    (input) => input.id,
    (earlier, later) => ({ ...earlier, sources: mergeSources(earlier.sources, later.sources) }),
  );
  for (const batch of chunks(unique)) {
    const existing = new Map(
      (await repository.findBy({ id: In(batch.map((input) => input.id)) })).map((row) => [row.id, row]),
    );
    const merged = batch.flatMap((input) => {
      const current = existing.get(input.id);
      return current ? [mergeInto(current, input)] : [];
    });
    await repository.save(merged, { reload: false });
    // new partnerships are plain INSERTs: save would look each one up again and insert it row by row
    const created = batch.filter((input) => !existing.has(input.id));
    await insertRows(
      manager,
      Partnership,
      created.map((input) => ({
        id: input.id,
        name: input.name ?? null,
        kind: input.kind,
        status: input.status,
        since: input.since ?? null,
        until: input.until ?? null,
        memberCount: input.memberCount ?? null,
        sources: mergeSources([], input.sources),
      })),
    );
    await insertRows(
      manager,
      PartnershipCity,
      created.flatMap((input) => memberRows(input.id, [...new Set(input.cityIds)])),
    );
    await indexAgreementsOf(manager, created);
  }
}

/**
 * Sets a partnership to exactly these values (an applied edit): creates it when absent, rewrites its
 * members in order and the agreement-city rows of the agreements made for it. Its distance stays as
 * it was (null when new): the places' coordinates are the cities subgraph's to know.
 */
export async function writePartnership(
  manager: EntityManager,
  id: string,
  values: PartnershipValues,
): Promise<void> {
  const repository = manager.getRepository(Partnership);
  const fields = {
    name: values.name,
    kind: values.kind,
    status: values.status,
    since: values.since,
    until: values.until,
    memberCount: values.memberCount,
    sources: values.sources,
  };
  if (await repository.existsBy({ id })) await repository.update({ id }, fields);
  else await repository.insert({ id, ...fields, distanceKm: null });
  await manager.getRepository(PartnershipCity).delete({ partnershipId: id });
  await insertRows(manager, PartnershipCity, memberRows(id, [...new Set(values.cityIds)]));
  const agreements = await manager.getRepository(Agreement).find({
    select: { id: true, partnershipId: true, partyRecords: true },
    where: { partnershipId: id },
  });
  await indexAgreements(manager, agreements);
}

export interface PartnershipMembers {
  id: string;
  cityIds: string[];
  distanceKm: number | null;
}

/** Every partnership's members in order, with its stored distance. */
export async function partnershipMembers(manager: EntityManager): Promise<PartnershipMembers[]> {
  // plain rows: hydrating every partnership and membership as entities cost more than reading them
  const partnerships = await selectRows<{ id: string; distanceKm: number | null }>(
    manager,
    (sql) => `SELECT "id", "distanceKm" FROM ${sql.table("partnership")} ORDER BY "id" ASC`,
  );
  const byPartnership = new Map(partnerships.map((p) => [p.id, { ...p, cityIds: [] as string[] }]));
  for (const member of await everyMember(manager, "position"))
    byPartnership.get(member.partnershipId)?.cityIds.push(member.cityId);
  return [...byPartnership.values()];
}

/** Every membership, by partnership and within one by position or by city. */
function everyMember(
  manager: EntityManager,
  within: "position" | "cityId",
): Promise<{ partnershipId: string; cityId: string }[]> {
  return selectRows(
    manager,
    (sql) =>
      `SELECT "partnershipId", "cityId" FROM ${sql.table("partnership_city")} ORDER BY "partnershipId", "${within}"`,
  );
}

/**
 * Stores new distances (the places' coordinates are the cities subgraph's to know): one UPDATE per
 * batch, its ids and distances one JSON parameter (a seed sets some 25,000).
 */
export async function setPartnershipDistances(
  manager: EntityManager,
  distances: ReadonlyMap<string, number | null>,
): Promise<void> {
  for (const batch of chunks([...distances], DISTANCES_PER_STATEMENT)) {
    const sql = new SqlStatement(manager);
    const rows = batch.map(([id, km]) => ({ id, km }));
    await manager.query(
      `UPDATE ${sql.table("partnership")} AS "p" SET "distanceKm" = "v"."km"
       FROM ${sql.records("v", { id: "text", km: "double precision" }, rows)} WHERE "p"."id" = "v"."id"`,
      sql.values,
    );
  }
}

/** Distances set by one statement: its one parameter, not the database's limit, bounds it. */
const DISTANCES_PER_STATEMENT = 5_000;

/**
 * An existing partnership keeps what it states and fills what it lacks: a start, an end, and with
 * the end the status ENDED where its status was UNKNOWN.
 */
function mergeInto(current: Partnership, input: PartnershipInput): Partnership {
  const ended = input.until && current.status === PartnershipStatus.UNKNOWN;
  return Object.assign(current, {
    since: current.since ?? input.since ?? null,
    until: current.until ?? input.until ?? null,
    status: ended ? PartnershipStatus.ENDED : current.status,
    sources: mergeSources(current.sources, input.sources),
  });
}

/** Agreements written before their partnership now bind its members too. */
async function indexAgreementsOf(
  manager: EntityManager,
  partnerships: readonly PartnershipInput[],
): Promise<void> {
  if (partnerships.length === 0) return;
  const agreements = await manager.getRepository(Agreement).find({
    select: { id: true, partnershipId: true },
    where: { partnershipId: In(partnerships.map((partnership) => partnership.id)) },
  });
  const rows = agreements.flatMap((agreement) =>
    (partnerships.find((partnership) => partnership.id === agreement.partnershipId)?.cityIds ?? []).map(
      (cityId) => ({ agreementId: agreement.id, cityId }),
    ),
  );
  for (const batch of chunks(rows)) {
    await manager.createQueryBuilder().insert().into(AgreementCity).values(batch).orIgnore().execute();
  }
}

/** Ids of the partnerships whose members are exactly these cities, keyed by the sorted member list. */
export async function partnershipsByMembers(manager: EntityManager): Promise<Map<string, string>> {
  const members = new Map<string, string[]>();
  for (const row of await everyMember(manager, "cityId")) {
    const cityIds = members.get(row.partnershipId);
    if (cityIds) cityIds.push(row.cityId);
    else members.set(row.partnershipId, [row.cityId]);
  }
  const byMembers = new Map<string, string>();
  for (const [partnershipId, cityIds] of members) {
    const key = memberKey(cityIds);
    if (!byMembers.has(key)) byMembers.set(key, partnershipId);
  }
  return byMembers;
}

export function memberKey(cityIds: readonly string[]): string {
  return [...cityIds].sort().join("|");
}

/** Creates or replaces agreements (the last of an id wins), and indexes the cities each one binds. */
export function upsertAgreements(
  manager: EntityManager,
  allInputs: readonly AgreementInput[],
): Promise<void> {
  // agreements are replaced whole, so of two inputs with one id the later one stands
  const inputs = uniqueBy(
    allInputs,
    (input) => input.id,
    (_earlier, later) => later,
  );
  return trackChanges(manager, "Agreement", agreementsEditing, idsOf(inputs), () =>
    storeAgreements(manager, inputs),
  );
}

/** Sets an agreement to exactly these values (an applied edit), creating it when absent. */
export function writeAgreement(manager: EntityManager, id: string, values: AgreementValues): Promise<void> {
  return storeAgreements(manager, [{ id, ...values }]);
}

async function storeAgreements(manager: EntityManager, inputs: readonly AgreementInput[]): Promise<void> {
  const repository = manager.getRepository(Agreement);
  const stored: AgreementBinding[] = [];
  for (const input of inputs) {
    const row = repository.create({
      id: input.id,
      title: input.title,
      kind: input.kind,
      partyRecords: input.parties,
      signatories: input.signatories,
      partnershipId: input.partnershipId ?? null,
      signedOn: input.signedOn ?? null,
      signedAtCityId: input.signedAtCityId ?? null,
      validFrom: input.validFrom ?? null,
      validUntil: input.validUntil ?? null,
      renewal: input.renewal ?? null,
      basedOnId: input.basedOnId ?? null,
      areas: input.areas,
      languages: input.languages,
      sources: input.sources,
    });
    await repository.save(row);
    stored.push(row);
  }
  await indexAgreements(manager, stored);
}

type AgreementBinding = Pick<Agreement, "id" | "partnershipId" | "partyRecords">;

/** Rewrites the agreement-city rows of these agreements: their parties' cities and their partnership's members. */
async function indexAgreements(
  manager: EntityManager,
  agreements: readonly AgreementBinding[],
): Promise<void> {
  const partnershipIds = [
    ...new Set(agreements.flatMap((agreement) => (agreement.partnershipId ? [agreement.partnershipId] : []))),
  ];
  const members = await findInBatches(partnershipIds, (batch) =>
    manager.getRepository(PartnershipCity).findBy({ partnershipId: In(batch) }),
  );
  for (const agreement of agreements) {
    const boundCities = new Set([
      ...agreement.partyRecords.flatMap((party) => (party.cityId ? [party.cityId] : [])),
      ...members
        .filter((member) => member.partnershipId === agreement.partnershipId)
        .map((member) => member.cityId),
    ]);
    await manager.getRepository(AgreementCity).delete({ agreementId: agreement.id });
    await insertRows(
      manager,
      AgreementCity,
      [...boundCities].map((cityId) => ({ agreementId: agreement.id, cityId })),
    );
  }
}

function idsOf(inputs: readonly { id: string }[]): string[] {
  return [...new Set(inputs.map((input) => input.id))];
}
