// The editing mutations: each stages one edit of a partnership or an agreement in a changeset and
// answers what it would change. The kit checks role, source, changeset, record and version, and
// applies the edit when the changeset is applied (services/kit/src/editing).
import { randomBytes } from "node:crypto";
import {
  badUserInput,
  checkTextLength,
  ProposedEdit,
  proposeEdit,
  type RecordValues,
  requireRole,
  SourceInput,
  type StageRequest,
  type SubgraphContext,
} from "@twingraph/kit/subgraph";
import { slug } from "@twingraph/kit/text";
import { Arg, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { agreementsEditing, MAX_EDIT_ID } from "../editing";
import {
  AgreementPatch,
  agreementPatchValues,
  NewAgreement,
  NewPartnership,
  newAgreementValues,
  newPartnershipValues,
  PartnershipPatch,
  partnershipPatchValues,
} from "./editing.inputs";

/** The longest slug a generated id carries before its random part. */
const MAX_ID_SLUG = 48;

/** `<kind>-<slug>-<short random>`: "p-kranj-villach-3f9a1c", as the seed's ids read with a random tail. */
function generatedId(kind: "p" | "a", words: string): string {
  const base = slug(words).slice(0, MAX_ID_SLUG).replace(/-+$/, "");
  return [kind, base, randomBytes(3).toString("hex")].filter(Boolean).join("-");
}

/** A partnership without a name reads as its places: "si-kranj", "at-villach" -> "kranj villach". */
function partnershipWords(input: NewPartnership): string {
  const places = [...new Set(input.cityIds)];
  return input.name ?? places.map((cityId) => cityId.replace(/^[a-z]{2}-/, "")).join(" ");
}

/** The id a create names, checked once the author may create at all; or a new one. */
function recordIdOf(
  context: SubgraphContext,
  given: string | null | undefined,
  generate: () => string,
): string {
  if (given === null || given === undefined) return generate();
  requireRole(context.viewer, "contributor", "propose a change");
  if (!/^\S+$/u.test(given)) throw badUserInput("input.id", "must be an id without spaces");
  return checkTextLength(given, "input.id", MAX_EDIT_ID);
}

function stage(context: SubgraphContext, request: StageRequest): Promise<ProposedEdit> {
  return proposeEdit(context, agreementsEditing, request);
}

function deprecation(reason: string): RecordValues {
  return { reason };
}

@Resolver()
export class AgreementsEditingResolver {
  @Mutation(() => ProposedEdit, { description: "proposes a new partnership in a changeset" })
  createPartnership(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("input", () => NewPartnership) input: NewPartnership,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    const recordId = recordIdOf(context, input.id, () => generatedId("p", partnershipWords(input)));
    const values = newPartnershipValues(input);
    return stage(context, { changesetId, entity: "Partnership", recordId, op: "CREATE", values, source });
  }

  @Mutation(() => ProposedEdit, {
    description: "proposes changes to a partnership: its status (dormant, revived), dates, places",
  })
  updatePartnership(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int, { description: "the version read" }) version: number,
    @Arg("input", () => PartnershipPatch) input: PartnershipPatch,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return stage(context, {
      changesetId,
      entity: "Partnership",
      recordId: id,
      op: "UPDATE",
      baseVersion: version,
      values: partnershipPatchValues(input),
      source,
    });
  }

  @Mutation(() => ProposedEdit, { description: "proposes to deprecate a wrong partnership, with the reason" })
  deprecatePartnership(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("reason", () => String) reason: string,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return stage(context, {
      changesetId,
      entity: "Partnership",
      recordId: id,
      op: "DEPRECATE",
      baseVersion: version,
      values: deprecation(reason),
      source,
    });
  }

  @Mutation(() => ProposedEdit, { description: "proposes a new agreement in a changeset" })
  createAgreement(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("input", () => NewAgreement) input: NewAgreement,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    const recordId = recordIdOf(context, input.id, () => generatedId("a", input.title));
    const values = newAgreementValues(input);
    return stage(context, { changesetId, entity: "Agreement", recordId, op: "CREATE", values, source });
  }

  @Mutation(() => ProposedEdit, { description: "proposes changes to an agreement" })
  updateAgreement(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int, { description: "the version read" }) version: number,
    @Arg("input", () => AgreementPatch) input: AgreementPatch,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return stage(context, {
      changesetId,
      entity: "Agreement",
      recordId: id,
      op: "UPDATE",
      baseVersion: version,
      values: agreementPatchValues(input),
      source,
    });
  }

  @Mutation(() => ProposedEdit, { description: "proposes to deprecate a wrong agreement, with the reason" })
  deprecateAgreement(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("reason", () => String) reason: string,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return stage(context, {
      changesetId,
      entity: "Agreement",
      recordId: id,
      op: "DEPRECATE",
      baseVersion: version,
      values: deprecation(reason),
      source,
    });
  }
}
