// Proposing news items: create, update and deprecate, each staged in a changeset with its source.
import { ProposedEdit, SourceInput, type SubgraphContext } from "@twingraph/kit/subgraph";
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, Resolver } from "type-graphql";
import type { NewsItemValues } from "../ingest";
import { patchFields, propose, recordId } from "./staging";

@InputType("NewsItemInput", { description: "A new news item." })
export class NewsItemCreateInput {
  @Field(() => ID, { nullable: true, description: "generated when omitted; a given id must be free" })
  id?: string | null;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  summary?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601: "2016", "2016-02" or "2016-02-25"' })
  publishedOn?: string | null;

  @Field(() => String, { description: 'BCP 47: "sl", "sr-Latn"' })
  language!: string;

  @Field(() => String, { nullable: true })
  publisher?: string | null;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "the stored text, when the item was ingested from one",
  })
  text?: string | null;

  @Field(() => String, { nullable: true, description: "sha256 of the text, normalised" })
  contentHash?: string | null;

  @Field(() => [ID], { nullable: true, description: "the places it mentions" })
  cityIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "the projects it is about" })
  projectIds?: string[] | null;
}

@InputType({ description: "The fields of a news item to change; omitted ones stay, null clears." })
export class NewsItemPatch {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  summary?: string | null;

  @Field(() => String, { nullable: true })
  publishedOn?: string | null;

  @Field(() => String, { nullable: true })
  language?: string | null;

  @Field(() => String, { nullable: true })
  publisher?: string | null;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => String, { nullable: true })
  text?: string | null;

  @Field(() => String, { nullable: true })
  contentHash?: string | null;

  @Field(() => [ID], { nullable: true })
  cityIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  projectIds?: string[] | null;
}

function createValues(input: NewsItemCreateInput): Omit<NewsItemValues, "sources"> {
  return {
    title: input.title,
    summary: input.summary ?? null,
    publishedOn: input.publishedOn ?? null,
    language: input.language,
    publisher: input.publisher ?? null,
    url: input.url ?? null,
    text: input.text ?? null,
    contentHash: input.contentHash ?? null,
    cityIds: input.cityIds ?? [],
    projectIds: input.projectIds ?? [],
  };
}

@Resolver()
export class NewsItemMutations {
  @Mutation(() => ProposedEdit, { description: "Proposes a new news item in a changeset." })
  createNewsItem(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("input", () => NewsItemCreateInput) input: NewsItemCreateInput,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return propose(context, {
      changesetId,
      entity: "NewsItem",
      recordId: recordId(input.id, "news", input.title),
      op: "CREATE",
      values: createValues(input),
      source,
    });
  }

  @Mutation(() => ProposedEdit, {
    description: "Proposes changes to a news item, based on the version read.",
  })
  updateNewsItem(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("input", () => NewsItemPatch) input: NewsItemPatch,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return propose(context, {
      changesetId,
      entity: "NewsItem",
      recordId: id,
      op: "UPDATE",
      baseVersion: version,
      values: patchFields(input, ["cityIds", "projectIds"]),
      source,
    });
  }

  @Mutation(() => ProposedEdit, {
    description: "Proposes to deprecate a news item: it leaves default reads.",
  })
  deprecateNewsItem(
    @Arg("changesetId", () => ID) changesetId: string,
    @Arg("id", () => ID) id: string,
    @Arg("version", () => Int) version: number,
    @Arg("reason", () => String) reason: string,
    @Arg("source", () => SourceInput, { nullable: true }) source: SourceInput | null,
    @Ctx() context: SubgraphContext,
  ): Promise<ProposedEdit> {
    return propose(context, {
      changesetId,
      entity: "NewsItem",
      recordId: id,
      op: "DEPRECATE",
      baseVersion: version,
      values: { reason },
      source,
    });
  }
}
