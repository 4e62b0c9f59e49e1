// Editing cities: each mutation stages one edit in a changeset (applied later, when the changeset is)
// and answers what it would change; and each city's history of applied versions.
import {
  badUserInput,
  checkFirst,
  checkTextLength,
  historyOf,
  ProposedEdit,
  proposeEdit,
  RecordChange,
  SourceInput,
  type StageRequest,
  type SubgraphContext,
} from "@twingraph/kit/subgraph";
import { cityId, slug } from "@twingraph/kit/text";
import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  Resolver,
  Root,
} from "type-graphql";
import { cityEditRegistry, MAX_CITY_NAME } from "../editing";
import { City } from "../entities/city.entity";
import type { CityValues } from "../ingest";

@InputType("AliasInput", { description: "Another name of a place, in the language it is written in." })
export class AliasInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true, description: 'BCP 47 where known: "sl", "sr-Latn", "de"' })
  language?: string | null;
}

/** The fields CityInput and CityPatch share, every one optional in a patch. */
const FIELDS = [
  "name",
  "localName",
  "countryCode",
  "latitude",
  "longitude",
  "population",
  "geonameId",
  "wikidataId",
  "aliases",
] as const;

@InputType("CityInput", {
  description: "A new city: its id is made from its country and name when not given.",
})
export class CityInput {
  @Field(() => ID, { nullable: true, description: '"<country code>-<slug of the name>", e.g. "si-kranj"' })
  id?: string | null;

  @Field(() => String, { description: "common English name" })
  name!: string;

  @Field(() => String, { nullable: true, description: "in the place's own language and script" })
  localName?: string | null;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2: "SI"' })
  countryCode!: string;

  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  longitude?: number | null;

  @Field(() => Int, { nullable: true })
  population?: number | null;

  @Field(() => Int, { nullable: true })
  geonameId?: number | null;

  @Field(() => String, { nullable: true, description: 'the Wikidata item, e.g. "Q437"' })
  wikidataId?: string | null;

  @Field(() => [AliasInput], { nullable: true })
  aliases?: AliasInput[] | null;
}

@InputType("CityPatch", {
  description: "The fields of a city to change; those left out keep their value. Aliases are replaced whole.",
})
export class CityPatch {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  localName?: string | null;

  @Field(() => String, { nullable: true })
  countryCode?: string | null;

  @Field(() => Float, { nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  longitude?: number | null;

  @Field(() => Int, { nullable: true })
  population?: number | null;

  @Field(() => Int, { nullable: true })
  geonameId?: number | null;

  @Field(() => String, { nullable: true })
  wikidataId?: string | null;

  @Field(() => [AliasInput], { nullable: true })
  aliases?: AliasInput[] | null;
}

const aliasValues = (aliases: readonly AliasInput[]): CityValues["aliases"] =>
  aliases.map((alias) => ({ name: alias.name, language: alias.language ?? null }));

/** All of a new city's values but its sources, which the edit's source will be. */
function newCityValues(input: CityInput): Omit<CityValues, "sources"> {
  return {
    name: input.name,
    localName: input.localName ?? null,
    countryCode: input.countryCode.toUpperCase(),
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    population: input.population ?? null,
    geonameId: input.geonameId ?? null,
    wikidataId: input.wikidataId ?? null,
    aliases: aliasValues(input.aliases ?? []),
  };
}

/** The fields the patch gives, null included (which clears a field, or is refused where one is required). */
function patchValues(patch: CityPatch): Partial<CityValues> {
  const values: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = patch[field];
    if (value === undefined) continue;
    if (field === "aliases") values.aliases = value === null ? [] : aliasValues(value as AliasInput[]);
    else if (field === "countryCode" && typeof value === "string") values.countryCode = value.toUpperCase();
    else values[field] = value;
  }
  return values as Partial<CityValues>;
}

/** A country code, a hyphen and the slug of a name no longer than names may be. */
const MAX_CITY_ID = MAX_CITY_NAME + 3;

/** The given id, when it follows the convention; else the one made from the country and name. */
function newCityId(input: CityInput): string {
  if (input.id === null || input.id === undefined) return cityId(input.countryCode, input.name);
  const prefix = `${input.countryCode.toLowerCase()}-`;
  checkTextLength(input.id, "input.id", MAX_CITY_ID);
  if (slug(input.id) !== input.id || !input.id.startsWith(prefix))
    throw badUserInput(
      "input.id",
      `must be "${prefix}" and the slug of a name, e.g. "si-kranj", or be left out`,
    );
  return input.id;
}

@Resolver(() => City)
export class CityEditResolver {
  @Mutation(() => ProposedEdit, { description: "contributor: proposes a new city in an open changeset" })
  createCity(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("input", () => CityInput) input: CityInput,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return stage(context, {
      changesetId,
      entity: "City",
      recordId: newCityId(input),
      op: "CREATE",
      values: newCityValues(input),
      source,
    });
  }

  @Mutation(() => ProposedEdit, {
    description:
      "contributor: proposes changes to a city, based on the version read (CONFLICT when it moved on)",
  })
  updateCity(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => CityPatch) input: CityPatch,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return stage(context, {
      changesetId,
      entity: "City",
      recordId: id,
      op: "UPDATE",
      baseVersion: version,
      values: patchValues(input),
      source,
    });
  }

  @Mutation(() => ProposedEdit, {
    description: "contributor: proposes to deprecate a wrong city, with the reason; nothing is deleted",
  })
  deprecateCity(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("reason", () => String) reason: string,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return stage(context, {
      changesetId,
      entity: "City",
      recordId: id,
      op: "DEPRECATE",
      baseVersion: version,
      values: { reason },
      source,
    });
  }

  @FieldResolver(() => [RecordChange], { description: "the city's applied versions, newest first" })
  history(
    @Root() city: City,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Ctx() context: SubgraphContext,
  ): Promise<RecordChange[]> {
    return historyOf(context.db.manager, "City", city.id, checkFirst(first));
  }
}

function stage(context: SubgraphContext, request: StageRequest): Promise<ProposedEdit> {
  return proposeEdit(context, cityEditRegistry, request);
}
