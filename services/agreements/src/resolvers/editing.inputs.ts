// The inputs of the editing mutations, and their values as the kit stages them: plain JSON in the
// shape of a snapshot (ingest.ts PartnershipValues, AgreementValues), cleaned but not checked (the
// editable entities' validate checks them once the author's role and source are known).
import type { RecordValues } from "@twingraph/kit/subgraph";
import { Field, ID, InputType, Int } from "type-graphql";
import type { PartyRecord, Signatory } from "../entities/agreement.entity";
import { AgreementKind, PartnershipKind, PartnershipStatus, PartyKind } from "../entities/enums";

@InputType("PartyInput", { description: "One side of an agreement." })
export class PartyInput {
  @Field(() => String)
  name!: string;

  @Field(() => PartyKind)
  kind!: PartyKind;

  @Field(() => ID, { nullable: true })
  cityId?: string | null;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2" })
  countryCode?: string | null;
}

@InputType("SignatoryInput", { description: "A person who signed an agreement." })
export class SignatoryInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  role?: string | null;

  @Field(() => String, { nullable: true, description: "the party they signed for" })
  party?: string | null;
}

@InputType("PartnershipInput", { description: "A new partnership: two places or more." })
export class NewPartnership {
  @Field(() => ID, { nullable: true, description: "generated when omitted; a given id must be free" })
  id?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => PartnershipKind)
  kind!: PartnershipKind;

  @Field(() => PartnershipStatus)
  status!: PartnershipStatus;

  @Field(() => [ID], { description: "its places, in the order the source names them" })
  cityIds!: string[];

  @Field(() => String, { nullable: true, description: '"2008", "2008-05" or "2008-05-22"' })
  since?: string | null;

  @Field(() => String, { nullable: true })
  until?: string | null;

  @Field(() => Int, { nullable: true })
  memberCount?: number | null;
}

@InputType("PartnershipPatch", { description: "The fields that change; those omitted stay as they are." })
export class PartnershipPatch {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => PartnershipKind, { nullable: true })
  kind?: PartnershipKind | null;

  @Field(() => PartnershipStatus, { nullable: true, description: "mark it DORMANT, REVIVED, ENDED" })
  status?: PartnershipStatus | null;

  @Field(() => [ID], { nullable: true, description: "all its places, in order" })
  cityIds?: string[] | null;

  @Field(() => String, { nullable: true })
  since?: string | null;

  @Field(() => String, { nullable: true })
  until?: string | null;

  @Field(() => Int, { nullable: true })
  memberCount?: number | null;
}

@InputType("AgreementInput", { description: "A new agreement." })
export class NewAgreement {
  @Field(() => ID, { nullable: true, description: "generated when omitted; a given id must be free" })
  id?: string | null;

  @Field(() => String)
  title!: string;

  @Field(() => AgreementKind)
  kind!: AgreementKind;

  @Field(() => ID, { nullable: true })
  partnershipId?: string | null;

  @Field(() => [PartyInput], { nullable: true })
  parties?: PartyInput[] | null;

  @Field(() => [SignatoryInput], { nullable: true })
  signatories?: SignatoryInput[] | null;

  @Field(() => String, { nullable: true })
  signedOn?: string | null;

  @Field(() => ID, { nullable: true })
  signedAtCityId?: string | null;

  @Field(() => String, { nullable: true })
  validFrom?: string | null;

  @Field(() => String, { nullable: true })
  validUntil?: string | null;

  @Field(() => String, { nullable: true })
  renewal?: string | null;

  @Field(() => ID, { nullable: true })
  basedOnId?: string | null;

  @Field(() => [String], { nullable: true })
  areas?: string[] | null;

  @Field(() => [String], { nullable: true })
  languages?: string[] | null;
}

@InputType("AgreementPatch", { description: "The fields that change; those omitted stay as they are." })
export class AgreementPatch {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => AgreementKind, { nullable: true })
  kind?: AgreementKind | null;

  @Field(() => ID, { nullable: true })
  partnershipId?: string | null;

  @Field(() => [PartyInput], { nullable: true, description: "all its parties; null for none" })
  parties?: PartyInput[] | null;

  @Field(() => [SignatoryInput], { nullable: true })
  signatories?: SignatoryInput[] | null;

  @Field(() => String, { nullable: true })
  signedOn?: string | null;

  @Field(() => ID, { nullable: true })
  signedAtCityId?: string | null;

  @Field(() => String, { nullable: true })
  validFrom?: string | null;

  @Field(() => String, { nullable: true })
  validUntil?: string | null;

  @Field(() => String, { nullable: true })
  renewal?: string | null;

  @Field(() => ID, { nullable: true })
  basedOnId?: string | null;

  @Field(() => [String], { nullable: true })
  areas?: string[] | null;

  @Field(() => [String], { nullable: true })
  languages?: string[] | null;
}

/** The fields given: absent ones stay absent, so a patch sets only what it names. */
function given(input: object): RecordValues {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

const distinct = (ids: string[] | null): string[] | null => (ids ? [...new Set(ids)] : null);

const parties = (inputs: PartyInput[] | null | undefined): PartyRecord[] =>
  (inputs ?? []).map((party) => ({
    name: party.name,
    kind: party.kind,
    cityId: party.cityId ?? null,
    countryCode: party.countryCode?.trim().toUpperCase() || null,
  }));

const signatories = (inputs: SignatoryInput[] | null | undefined): Signatory[] =>
  (inputs ?? []).map((signatory) => ({
    name: signatory.name,
    role: signatory.role ?? null,
    party: signatory.party ?? null,
  }));

const list = (values: string[] | null | undefined): string[] => values ?? [];

/** A new partnership's values, every field present (the kit adds the source as its `sources`). */
export function newPartnershipValues(input: NewPartnership): RecordValues {
  return {
    name: input.name ?? null,
    kind: input.kind,
    status: input.status,
    cityIds: distinct(input.cityIds),
    since: input.since ?? null,
    until: input.until ?? null,
    memberCount: input.memberCount ?? null,
  };
}

export function partnershipPatchValues(input: PartnershipPatch): RecordValues {
  const values = given(input);
  if (input.cityIds !== undefined) values.cityIds = distinct(input.cityIds);
  return values;
}

/** A new agreement's values, every field present (the kit adds the source as its `sources`). */
export function newAgreementValues(input: NewAgreement): RecordValues {
  return {
    title: input.title,
    kind: input.kind,
    partnershipId: input.partnershipId ?? null,
    parties: parties(input.parties),
    signatories: signatories(input.signatories),
    signedOn: input.signedOn ?? null,
    signedAtCityId: input.signedAtCityId ?? null,
    validFrom: input.validFrom ?? null,
    validUntil: input.validUntil ?? null,
    renewal: input.renewal ?? null,
    basedOnId: input.basedOnId ?? null,
    areas: list(input.areas),
    languages: list(input.languages),
  };
}

/** A list given as null is emptied: agreements always hold their lists. */
export function agreementPatchValues(input: AgreementPatch): RecordValues {
  const values = given(input);
  if (input.parties !== undefined) values.parties = parties(input.parties);
  if (input.signatories !== undefined) values.signatories = signatories(input.signatories);
  if (input.areas !== undefined) values.areas = list(input.areas);
  if (input.languages !== undefined) values.languages = list(input.languages);
  return values;
}
