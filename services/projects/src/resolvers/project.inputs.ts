// The inputs of the project mutations, and the values they stand for. Every field of a patch is
// optional: a field left out keeps its value, a field given as null clears it (an empty list for lists).

import { randomBytes } from "node:crypto";
import { badUserInput } from "@twingraph/kit/subgraph";
import { slug } from "@twingraph/kit/text";
import { Field, Float, ID, InputType, Int } from "type-graphql";
import { type Money, PartnerRole, type ProjectPartnerRecord } from "../entities/project.entity";
import type { ProjectValues } from "../ingest";

@InputType("MoneyInput")
export class MoneyInput {
  @Field(() => Float)
  amount!: number;

  @Field(() => String, { description: 'ISO 4217: "EUR"' })
  currency!: string;
}

@InputType("ProjectPartnerInput")
export class ProjectPartnerInput {
  @Field(() => String)
  name!: string;

  @Field(() => PartnerRole)
  role!: PartnerRole;

  @Field(() => ID, { nullable: true, description: "the city it is based in, where the graph has it" })
  cityId?: string | null;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2" })
  countryCode?: string | null;
}

@InputType("ProjectInput", { description: "A new project." })
export class ProjectInputFields {
  @Field(() => ID, { nullable: true, description: "generated when left out: project-<slug>-<random>" })
  id?: string | null;

  @Field(() => String, { nullable: true })
  acronym?: string | null;

  @Field(() => String)
  title!: string;

  @Field(() => ID, { nullable: true })
  programmeId?: string | null;

  @Field(() => [String], { nullable: true, description: '"ERDF", ...' })
  funds?: string[] | null;

  @Field(() => MoneyInput, { nullable: true })
  totalBudget?: MoneyInput | null;

  @Field(() => MoneyInput, { nullable: true })
  euContribution?: MoneyInput | null;

  @Field(() => String, { nullable: true, description: '"2019", "2019-05" or "2019-05-22"' })
  start?: string | null;

  @Field(() => String, { nullable: true, description: '"2019", "2019-05" or "2019-05-22"' })
  end?: string | null;

  @Field(() => [ProjectPartnerInput], { nullable: true })
  partners?: ProjectPartnerInput[] | null;

  @Field(() => Int, { nullable: true })
  participantCount?: number | null;

  @Field(() => [String], { nullable: true })
  objectives?: string[] | null;

  @Field(() => [String], { nullable: true })
  results?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "partnerships to link it to" })
  partnershipIds?: string[] | null;
}

@InputType("ProjectPatch", {
  description: "The fields of a project to change; the others keep their values.",
})
export class ProjectPatch {
  @Field(() => String, { nullable: true })
  acronym?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => ID, { nullable: true })
  programmeId?: string | null;

  @Field(() => [String], { nullable: true })
  funds?: string[] | null;

  @Field(() => MoneyInput, { nullable: true })
  totalBudget?: MoneyInput | null;

  @Field(() => MoneyInput, { nullable: true })
  euContribution?: MoneyInput | null;

  @Field(() => String, { nullable: true })
  start?: string | null;

  @Field(() => String, { nullable: true })
  end?: string | null;

  @Field(() => [ProjectPartnerInput], { nullable: true })
  partners?: ProjectPartnerInput[] | null;

  @Field(() => Int, { nullable: true })
  participantCount?: number | null;

  @Field(() => [String], { nullable: true })
  objectives?: string[] | null;

  @Field(() => [String], { nullable: true })
  results?: string[] | null;

  @Field(() => [ID], { nullable: true })
  partnershipIds?: string[] | null;
}

/** A project's values as created, without sources: applying the edit gives it the edit's source. */
export function createValues(input: ProjectInputFields): Omit<ProjectValues, "sources"> {
  return {
    acronym: input.acronym ?? null,
    title: input.title,
    programmeId: input.programmeId ?? null,
    funds: input.funds ?? [],
    totalBudget: money(input.totalBudget),
    euContribution: money(input.euContribution),
    start: input.start ?? null,
    end: input.end ?? null,
    partners: (input.partners ?? []).map(partnerRecord),
    participantCount: input.participantCount ?? null,
    objectives: input.objectives ?? [],
    results: input.results ?? [],
    partnershipIds: [...new Set(input.partnershipIds ?? [])],
  };
}

/** The fields the patch names, as values. */
export function patchValues(patch: ProjectPatch): Partial<ProjectValues> {
  const given = <K extends keyof ProjectPatch>(key: K) => patch[key] !== undefined;
  const values: Partial<ProjectValues> = {};
  if (given("acronym")) values.acronym = patch.acronym ?? null;
  // a null title stays null, so that validation refuses it: a project has a title
  if (given("title")) values.title = patch.title as string;
  if (given("programmeId")) values.programmeId = patch.programmeId ?? null;
  if (given("funds")) values.funds = patch.funds ?? [];
  if (given("totalBudget")) values.totalBudget = money(patch.totalBudget);
  if (given("euContribution")) values.euContribution = money(patch.euContribution);
  if (given("start")) values.start = patch.start ?? null;
  if (given("end")) values.end = patch.end ?? null;
  if (given("partners")) values.partners = (patch.partners ?? []).map(partnerRecord);
  if (given("participantCount")) values.participantCount = patch.participantCount ?? null;
  if (given("objectives")) values.objectives = patch.objectives ?? [];
  if (given("results")) values.results = patch.results ?? [];
  if (given("partnershipIds")) values.partnershipIds = [...new Set(patch.partnershipIds ?? [])];
  if (Object.keys(values).length === 0) throw badUserInput("input", "must name at least one field to change");
  return values;
}

function money(input: MoneyInput | null | undefined): Money | null {
  return input ? { amount: input.amount, currency: input.currency } : null;
}

function partnerRecord(input: ProjectPartnerInput): ProjectPartnerRecord {
  return {
    name: input.name,
    role: input.role,
    cityId: input.cityId ?? null,
    countryCode: input.countryCode ?? null,
  };
}

/** Ids look like the ones the seed and imports give: lower-case letters, digits and dashes. */
const PROJECT_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** The given id, checked, or a new one: project-<slug of acronym or title>-<6 random hex digits>. */
export function projectId(input: ProjectInputFields): string {
  if (input.id !== undefined && input.id !== null) {
    if (!PROJECT_ID.test(input.id))
      throw badUserInput(
        "input.id",
        "must be 1 to 100 lower-case letters, digits and dashes, starting with a letter or digit",
      );
    return input.id;
  }
  const name = slug(input.acronym || input.title)
    .slice(0, 48)
    .replace(/-+$/, "");
  return ["project", name, randomBytes(3).toString("hex")].filter(Boolean).join("-");
}
