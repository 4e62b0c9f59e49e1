// Partnerships and agreements as the kit edits them: their editable values as plain JSON (what
// history keeps and diffs show), written back through ingest.ts, and checked before an edit is
// staged. The kit does the staging, versions, conflicts, applying, history and deprecation.
import {
  badUserInput,
  checkDate,
  checkIdList,
  checkListLength,
  checkTextLength,
  type EditableEntity,
  type EditOp,
  EditRegistry,
  findInBatches,
  findPlain,
  proposedInChangeset,
} from "@twingraph/kit/subgraph";
import { isCountryCode } from "@twingraph/kit/text";
import { type EntityManager, In } from "typeorm";
import { Agreement } from "./entities/agreement.entity";
import { AgreementKind, PartnershipKind, PartnershipStatus, PartyKind } from "./entities/enums";
import { Partnership } from "./entities/partnership.entity";
import { PartnershipCity } from "./entities/partnership-city.entity";
import { type AgreementValues, type PartnershipValues, writeAgreement, writePartnership } from "./ingest";
import { AGREEMENTS } from "./server";

/** The longest name, title or clause an edit may set, in characters. */
export const MAX_EDIT_TEXT = 2_000;
/** The longest id an edit may name. */
export const MAX_EDIT_ID = 120;

async function partnershipSnapshot(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, PartnershipValues>> {
  // plain rows: an import snapshots every partnership it writes, twice
  const rows = await findInBatches(ids, (batch) =>
    findPlain(manager, Partnership, { by: "id", keys: batch }),
  );
  const members = await findInBatches(ids, (batch) =>
    findPlain(manager, PartnershipCity, {
      by: "partnershipId",
      keys: batch,
      order: { partnershipId: "ASC", position: "ASC" },
    }),
  );
  const cityIds = new Map<string, string[]>(rows.map((row) => [row.id, []]));
  for (const member of members) cityIds.get(member.partnershipId)?.push(member.cityId);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        name: row.name,
        kind: row.kind,
        status: row.status,
        cityIds: cityIds.get(row.id) ?? [],
        since: row.since,
        until: row.until,
        memberCount: row.memberCount,
        sources: row.sources,
      },
    ]),
  );
}

async function agreementSnapshot(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, AgreementValues>> {
  const rows = await findInBatches(ids, (batch) =>
    manager.getRepository(Agreement).findBy({ id: In(batch) }),
  );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        title: row.title,
        kind: row.kind,
        partnershipId: row.partnershipId,
        parties: row.partyRecords,
        signatories: row.signatories,
        signedOn: row.signedOn,
        signedAtCityId: row.signedAtCityId,
        validFrom: row.validFrom,
        validUntil: row.validUntil,
        renewal: row.renewal,
        basedOnId: row.basedOnId,
        areas: row.areas,
        languages: row.languages,
        sources: row.sources,
      },
    ]),
  );
}

type Checks<V> = { [K in keyof V]?: (value: NonNullable<V[K]>, argument: string) => void | Promise<void> };

/**
 * Runs the check of each field the values hold; a field that must have a value may not be cleared,
 * and CREATE must give those. Arguments are named as the mutations' `input` names them.
 */
async function checkFields<V>(
  values: Partial<V>,
  op: EditOp,
  required: readonly (keyof V & string)[],
  checks: Checks<V>,
): Promise<void> {
  for (const field of required) {
    const given = field in values;
    if ((op === "CREATE" && !given) || (given && values[field] === null))
      throw badUserInput(`input.${field}`, "must have a value");
  }
  for (const [field, check] of Object.entries(checks) as [keyof V & string, Checks<V>[keyof V]][]) {
    const value = values[field];
    if (value !== undefined && value !== null && check) await check(value as never, `input.${field}`);
  }
}

function checkDeprecation(values: Record<string, unknown>): void {
  const reason = values.reason;
  if (typeof reason !== "string" || reason.trim() === "") throw badUserInput("reason", "must not be empty");
  checkTextLength(reason, "reason", MAX_EDIT_TEXT);
}

function checkText(value: string, argument: string): void {
  if (value.trim() === "") throw badUserInput(argument, "must not be empty");
  checkTextLength(value, argument, MAX_EDIT_TEXT);
}

function checkId(value: string, argument: string): void {
  if (!/^\S+$/u.test(value)) throw badUserInput(argument, "must be an id without spaces");
  checkTextLength(value, argument, MAX_EDIT_ID);
}

/** "2008", "2008-05" or "2008-05-22", as the sources give dates */
function checkEditDate(value: string, argument: string): void {
  checkDate(value, argument);
}

function checkTexts(values: readonly string[], argument: string): void {
  checkListLength(values, argument);
  values.forEach((value, index) => {
    checkText(value, `${argument}[${index}]`);
  });
}

function checkEnum(values: Record<string, string>): (value: string, argument: string) => void {
  const allowed = Object.values(values);
  return (value, argument) => {
    if (!allowed.includes(value)) throw badUserInput(argument, `must be one of ${allowed.join(", ")}`);
  };
}

/** A period's end no earlier than its start; dates of different precision are compared on what both give. */
function checkPeriod(
  start: string | null | undefined,
  end: string | null | undefined,
  argument: string,
): void {
  if (!start || !end) return;
  const length = Math.min(start.length, end.length);
  if (end.slice(0, length) < start.slice(0, length))
    throw badUserInput(argument, `must not be before the start (${start}), got "${end}"`);
}

/** A partnership or agreement that exists, or that the same changeset proposes to create. */
function referenceCheck(
  manager: EntityManager,
  changesetId: string,
  target: typeof Partnership | typeof Agreement,
  entity: "Partnership" | "Agreement",
  noun: string,
) {
  return async (id: string, argument: string): Promise<void> => {
    const known =
      (await manager.getRepository(target).existsBy({ id })) ||
      (await proposedInChangeset(manager, changesetId, entity, id));
    if (!known) throw badUserInput(argument, `names no ${noun}: "${id}"`);
  };
}

export async function validatePartnership(
  _manager: EntityManager,
  values: Partial<PartnershipValues>,
  op: EditOp,
): Promise<void> {
  if (op === "DEPRECATE") return checkDeprecation(values);
  await checkFields<PartnershipValues>(values, op, ["kind", "status", "cityIds"], {
    name: checkText,
    kind: checkEnum(PartnershipKind),
    status: checkEnum(PartnershipStatus),
    // every partnership in the sources joins two places or more (a pair, or a named group)
    cityIds: (cityIds, argument) => {
      checkListLength(cityIds, argument);
      checkIdList(cityIds, argument, 2).forEach((id, index) => {
        checkId(id, `${argument}[${index}]`);
      });
    },
    since: checkEditDate,
    until: checkEditDate,
    memberCount: (count, argument) => {
      if (!Number.isInteger(count) || count < 1)
        throw badUserInput(argument, `must be a positive integer, got ${count}`);
      const named = values.cityIds ? new Set(values.cityIds).size : 0;
      if (count < named) throw badUserInput(argument, `must count at least the ${named} places named`);
    },
  });
  checkPeriod(values.since, values.until, "input.until");
}

export async function validateAgreement(
  manager: EntityManager,
  values: Partial<AgreementValues>,
  op: EditOp,
  changesetId: string,
): Promise<void> {
  if (op === "DEPRECATE") return checkDeprecation(values);
  await checkFields<AgreementValues>(values, op, ["title", "kind"], {
    title: checkText,
    kind: checkEnum(AgreementKind),
    partnershipId: referenceCheck(manager, changesetId, Partnership, "Partnership", "partnership"),
    basedOnId: referenceCheck(manager, changesetId, Agreement, "Agreement", "agreement"),
    parties: (parties, argument) => {
      checkListLength(parties, argument);
      parties.forEach((party, index) => {
        checkText(party.name, `${argument}[${index}].name`);
        checkEnum(PartyKind)(party.kind, `${argument}[${index}].kind`);
        if (party.cityId) checkId(party.cityId, `${argument}[${index}].cityId`);
        if (party.countryCode && !isCountryCode(party.countryCode))
          throw badUserInput(`${argument}[${index}].countryCode`, "must be an ISO 3166-1 alpha-2 code");
      });
    },
    signatories: (signatories, argument) => {
      checkListLength(signatories, argument);
      signatories.forEach((signatory, index) => {
        checkText(signatory.name, `${argument}[${index}].name`);
      });
    },
    signedOn: checkEditDate,
    signedAtCityId: checkId,
    validFrom: checkEditDate,
    validUntil: checkEditDate,
    renewal: checkText,
    areas: checkTexts,
    languages: checkTexts,
  });
  checkPeriod(values.validFrom, values.validUntil, "input.validUntil");
}

export const partnershipEditing: EditableEntity<PartnershipValues> = {
  name: "Partnership",
  target: Partnership,
  snapshot: partnershipSnapshot,
  write: (manager, id, values) => writePartnership(manager, id, values),
  validate: validatePartnership,
};

export const agreementEditing: EditableEntity<AgreementValues> = {
  name: "Agreement",
  target: Agreement,
  snapshot: agreementSnapshot,
  write: (manager, id, values) => writeAgreement(manager, id, values),
  validate: validateAgreement,
};

/**
 * What this subgraph lets people edit. ingest.ts, which it writes through, keeps history with it
 * too: the two modules import each other, so each uses the other only when called, never on load.
 */
export const agreementsEditing = new EditRegistry(AGREEMENTS.name, [partnershipEditing, agreementEditing]);
