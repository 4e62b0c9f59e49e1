// Proposing events: create, update and deprecate, each staged in a changeset with its source.
import { ProposedEdit, SourceInput, type SubgraphContext } from "@twingraph/kit/subgraph";
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from "type-graphql";
import type { EventValues } from "../ingest";
import { patchFields, propose, recordId } from "./staging";

@InputType("EventInput", { description: "A new event." })
export class EventCreateInput {
  @Field(() => ID, { nullable: true, description: "generated when omitted; a given id must be free" })
  id?: string | null;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true, description: 'ISO 8601: "2020", "2020-05" or "2020-05-14"' })
  date?: string | null;

  @Field(() => ID, { nullable: true, description: "where it is held" })
  placeCityId?: string | null;

  @Field(() => Boolean, { description: "announced, not yet held when the source was written" })
  planned!: boolean;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: "the project it is part of" })
  projectId?: string | null;

  @Field(() => ID, { nullable: true, description: "the agreement that provides for it" })
  agreementId?: string | null;

  @Field(() => [ID], { nullable: true, description: "the places that take part" })
  cityIds?: string[] | null;
}

@InputType({ description: "The fields of an event to change; omitted ones stay, null clears." })
export class EventPatch {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  date?: string | null;

  @Field(() => ID, { nullable: true })
  placeCityId?: string | null;

  @Field(() => Boolean, { nullable: true })
  planned?: boolean | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => ID, { nullable: true })
  projectId?: string | null;

  @Field(() => ID, { nullable: true })
  agreementId?: string | null;

  @Field(() => [ID], { nullable: true })
  cityIds?: string[] | null;
}

function createValues(input: EventCreateInput): Omit<EventValues, "sources"> {
  return {
    title: input.title,
    date: input.date ?? null,
    placeCityId: input.placeCityId ?? null,
    planned: input.planned,
    description: input.description ?? null,
    projectId: input.projectId ?? null,
    agreementId: input.agreementId ?? null,
    cityIds: input.cityIds ?? [],
  };
}

@Resolver()
export class EventMutations {
  @Mutation(() => ProposedEdit, { description: "Proposes a new event in a changeset." })
  createEvent(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("input", () => EventCreateInput) input: EventCreateInput,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return propose(context, {
      changesetId,
      entity: "Event",
      recordId: recordId(input.id, "event", input.title),
      op: "CREATE",
      values: createValues(input),
      source,
    });
  }

  @Mutation(() => ProposedEdit, { description: "Proposes changes to an event, based on the version read." })
  updateEvent(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => EventPatch) input: EventPatch,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return propose(context, {
      changesetId,
      entity: "Event",
      recordId: id,
      op: "UPDATE",
      baseVersion: version,
      values: patchFields(input, ["cityIds"]),
      source,
    });
  }

  @Mutation(() => ProposedEdit, { description: "Proposes to deprecate an event: it leaves default reads." })
  deprecateEvent(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("reason", () => String) reason: string,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return propose(context, {
      changesetId,
      entity: "Event",
      recordId: id,
      op: "DEPRECATE",
      baseVersion: version,
      values: { reason },
      source,
    });
  }
}
