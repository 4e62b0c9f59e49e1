// What the kit needs to let people edit projects: a project's editable values, how to write them
// back through ingest.ts, and the checks a proposed value must pass before it is staged.
import {
  badUserInput,
  checkListLength,
  checkTextLength,
  type EditableEntity,
  type EditOp,
  EditRegistry,
} from "@twingraph/kit/subgraph";
import { isCountryCode, isIsoDate } from "@twingraph/kit/text";
import type { EntityManager } from "typeorm";
import { Programme } from "./entities/programme.entity";
import { type Money, PartnerRole, Project, type ProjectPartnerRecord } from "./entities/project.entity";
import { type ProjectValues, projectValues, writeProject } from "./ingest";
import { PROJECTS } from "./server";

/** The GraphQL type the kit's edits and history name. */
export const PROJECT = "Project";

export const projectEditable: EditableEntity<ProjectValues> = {
  name: PROJECT,
  target: Project,
  snapshot: (manager, ids) => projectValues(manager, ids),
  write: (manager, id, values) => writeProject(manager, id, values),
  validate: validateProject,
};

export const projectsRegistry = new EditRegistry(PROJECTS.name, [projectEditable]);

/** The longest title, acronym, partner name, fund, objective or result an edit may give. */
export const MAX_PROJECT_TEXT = 2_000;
/** The most partners an edit may list: room above the hundred or so of the largest consortia. */
export const MAX_PARTNERS = 500;

/** ISO 4217 codes are three capital letters; old ones (SIT, the tolar) are valid in old projects. */
const CURRENCY = /^[A-Z]{3}$/;

/** Checks the values given (all for CREATE, the patch for UPDATE), naming the input field at fault. */
export async function validateProject(
  manager: EntityManager,
  values: Partial<ProjectValues>,
  op: EditOp,
): Promise<void> {
  if (op === "CREATE" || values.title !== undefined) checkText(values.title, "input.title");
  if (values.acronym !== undefined && values.acronym !== null) checkText(values.acronym, "input.acronym");
  checkDates(values);
  checkMoney(values.totalBudget, "input.totalBudget");
  checkMoney(values.euContribution, "input.euContribution");
  checkParticipantCount(values.participantCount);
  for (const field of ["funds", "objectives", "results", "partnershipIds"] as const) {
    const list = checkListLength(values[field] ?? [], `input.${field}`);
    for (const [index, text] of list.entries()) checkText(text, `input.${field}[${index}]`);
  }
  const partners = checkListLength(values.partners ?? [], "input.partners", MAX_PARTNERS);
  for (const [index, partner] of partners.entries()) checkPartner(partner, index);
  if (values.programmeId) await checkProgramme(manager, values.programmeId);
}

function checkText(value: string | null | undefined, argument: string): void {
  if (typeof value !== "string" || value.trim() === "") throw badUserInput(argument, "must not be empty");
  checkTextLength(value, argument, MAX_PROJECT_TEXT);
}

function checkDates({ start, end }: Partial<ProjectValues>): void {
  for (const [argument, date] of [
    ["input.start", start],
    ["input.end", end],
  ] as const)
    if (date && !isIsoDate(date))
      throw badUserInput(argument, `must be a date such as "2019", "2019-05" or "2019-05-22", got "${date}"`);
  if (start && end && !inOrder(start, end))
    throw badUserInput("input.end", `must not be before the start, ${start}`);
}

/** Compared to the precision both give: a project from 2019-05 may end in 2019. */
function inOrder(start: string, end: string): boolean {
  const precision = Math.min(start.length, end.length);
  return start.slice(0, precision) <= end.slice(0, precision);
}

function checkMoney(money: Money | null | undefined, argument: string): void {
  if (!money) return;
  if (!Number.isFinite(money.amount) || money.amount < 0)
    throw badUserInput(`${argument}.amount`, `must be a number of at least 0, got ${money.amount}`);
  if (!CURRENCY.test(money.currency))
    throw badUserInput(
      `${argument}.currency`,
      `must be an ISO 4217 code of three capital letters, got "${money.currency}"`,
    );
}

function checkParticipantCount(count: number | null | undefined): void {
  if (count !== undefined && count !== null && (!Number.isInteger(count) || count < 0))
    throw badUserInput("input.participantCount", `must be a whole number of at least 0, got ${count}`);
}

function checkPartner(partner: ProjectPartnerRecord, index: number): void {
  const argument = `input.partners[${index}]`;
  checkText(partner.name, `${argument}.name`);
  if (!Object.values(PartnerRole).includes(partner.role))
    throw badUserInput(`${argument}.role`, `must be one of ${Object.values(PartnerRole).join(", ")}`);
  if (partner.cityId !== undefined && partner.cityId !== null)
    checkText(partner.cityId, `${argument}.cityId`);
  if (partner.countryCode && !isCountryCode(partner.countryCode))
    throw badUserInput(
      `${argument}.countryCode`,
      `must be an ISO 3166-1 alpha-2 code, got "${partner.countryCode}"`,
    );
}

async function checkProgramme(manager: EntityManager, programmeId: string): Promise<void> {
  if (!(await manager.getRepository(Programme).existsBy({ id: programmeId })))
    throw badUserInput("input.programmeId", `names no programme: "${programmeId}"`);
}
