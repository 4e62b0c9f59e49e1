// Proposing visits: create, update, deprecate, and link to or unlink from a partnership, each staged
// in a changeset with its source.
import { ProposedEdit, type RecordValues, SourceInput, type SubgraphContext } from "@twingraph/kit/subgraph";
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from "type-graphql";
import { personRecord, visitEditable } from "../editing";
import type { PersonRecord } from "../entities/visit.entity";
import type { VisitValues } from "../ingest";
import { patchFields, propose, recordId } from "./staging";

@InputType({ description: "A person who travelled or received them." })
export class PersonInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  role?: string | null;

  @Field(() => String, { nullable: true })
  organisation?: string | null;

  @Field(() => ID, { nullable: true, description: "the city they came from or represent" })
  cityId?: string | null;
}

@InputType("VisitInput", { description: "A new visit." })
export class VisitCreateInput {
  @Field(() => ID, { nullable: true, description: "generated when omitted; a given id must be free" })
  id?: string | null;

  @Field(() => String, { description: 'ISO 8601: "2016", "2016-02" or "2016-02-25"' })
  date!: string;

  @Field(() => ID)
  hostCityId!: string;

  @Field(() => [ID], { description: "where the delegation came from: at least one city" })
  visitorCityIds!: string[];

  @Field(() => [PersonInput], { nullable: true, description: "who travelled" })
  delegation?: PersonInput[] | null;

  @Field(() => [PersonInput], { nullable: true, description: "who received them" })
  hosts?: PersonInput[] | null;

  @Field(() => String, { nullable: true })
  purpose?: string | null;

  @Field(() => [String], { nullable: true })
  outcomes?: string[] | null;

  @Field(() => ID, { nullable: true, description: "the news item that reports it" })
  newsItemId?: string | null;

  @Field(() => [ID], { nullable: true, description: "partnerships it belongs to besides its cities' own" })
  partnershipIds?: string[] | null;
}

@InputType({ description: "The fields of a visit to change; omitted ones stay, null clears." })
export class VisitPatch {
  @Field(() => String, { nullable: true })
  date?: string | null;

  @Field(() => ID, { nullable: true })
  hostCityId?: string | null;

  @Field(() => [ID], { nullable: true })
  visitorCityIds?: string[] | null;

  @Field(() => [PersonInput], { nullable: true })
  delegation?: PersonInput[] | null;

  @Field(() => [PersonInput], { nullable: true })
  hosts?: PersonInput[] | null;

  @Field(() => String, { nullable: true })
  purpose?: string | null;

  @Field(() => [String], { nullable: true })
  outcomes?: string[] | null;

  @Field(() => ID, { nullable: true })
  newsItemId?: string | null;

  @Field(() => [ID], { nullable: true })
  partnershipIds?: string[] | null;
}

const people = (persons: readonly PersonRecord[] | null | undefined): PersonRecord[] =>
  (persons ?? []).map(personRecord);

function createValues(input: VisitCreateInput): Omit<VisitValues, "sources"> {
  return {
    date: input.date,
    hostCityId: input.hostCityId,
    visitorCityIds: input.visitorCityIds,
    delegation: people(input.delegation),
    hosts: people(input.hosts),
    purpose: input.purpose ?? null,
    outcomes: input.outcomes ?? [],
    newsItemId: input.newsItemId ?? null,
    partnershipIds: input.partnershipIds ?? [],
  };
}

function patchValues(input: VisitPatch): RecordValues {
  const patch = patchFields(input, ["visitorCityIds", "delegation", "hosts", "outcomes", "partnershipIds"]);
  for (const field of ["delegation", "hosts"])
    if (field in patch) patch[field] = people(patch[field] as PersonRecord[]);
  return patch;
}

/** The partnerships a visit is linked to now, changed: what a link or unlink stages as its update. */
async function changedLinks(
  context: SubgraphContext,
  visitId: string,
  change: (partnershipIds: string[]) => string[],
): Promise<RecordValues> {
  const current = (await visitEditable.snapshot(context.db.manager, [visitId])).get(visitId);
  return { partnershipIds: change(current?.partnershipIds ?? []) };
}

@Resolver()
export class VisitMutations {
  @Mutation(() => ProposedEdit, { description: "Proposes a new visit in a changeset." })
  createVisit(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("input", () => VisitCreateInput) input: VisitCreateInput,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return propose(context, {
      changesetId,
      entity: "Visit",
      recordId: recordId(input.id, "visit", `${input.hostCityId} ${input.date}`),
      op: "CREATE",
      values: createValues(input),
      source,
    });
  }

  @Mutation(() => ProposedEdit, { description: "Proposes changes to a visit, based on the version read." })
  updateVisit(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => VisitPatch) input: VisitPatch,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return propose(context, {
      changesetId,
      entity: "Visit",
      recordId: id,
      op: "UPDATE",
      baseVersion: version,
      values: patchValues(input),
      source,
    });
  }

  @Mutation(() => ProposedEdit, { description: "Proposes to deprecate a visit: it leaves default reads." })
  deprecateVisit(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("reason", () => String) reason: string,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return propose(context, {
      changesetId,
      entity: "Visit",
      recordId: id,
      op: "DEPRECATE",
      baseVersion: version,
      values: { reason },
      source,
    });
  }

  @Mutation(() => ProposedEdit, {
    description: "Proposes to link a visit to a partnership: an update of its partnershipIds.",
  })
  async linkVisitToPartnership(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("visitId", () => ID) visitId: string,
    @Arg("partnershipId", () => ID) partnershipId: string,
    @Arg("version", () => Int) version: number,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return propose(context, {
      changesetId,
      entity: "Visit",
      recordId: visitId,
      op: "UPDATE",
      baseVersion: version,
      values: await changedLinks(context, visitId, (ids) => [...new Set([...ids, partnershipId])]),
      source,
    });
  }

  @Mutation(() => ProposedEdit, {
    description: "Proposes to unlink a visit from a partnership: an update of its partnershipIds.",
  })
  async unlinkVisitFromPartnership(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("visitId", () => ID) visitId: string,
    @Arg("partnershipId", () => ID) partnershipId: string,
    @Arg("version", () => Int) version: number,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return propose(context, {
      changesetId,
      entity: "Visit",
      recordId: visitId,
      op: "UPDATE",
      baseVersion: version,
      values: await changedLinks(context, visitId, (ids) => ids.filter((id) => id !== partnershipId)),
      source,
    });
  }
}
