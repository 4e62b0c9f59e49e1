// Every write carries its source: a document or URL, the passage quoted from it and its language.
// The argument is nullable in the schema, and so are its fields, so that a write without one hears
// SOURCE_REQUIRED from the resolver rather than a validation error that names no rule.
import { GraphQLError } from "graphql";
import { Field, InputType } from "type-graphql";
import type { SourceRecord } from "../sources";

@InputType("SourceInput", { description: "Where a change comes from: required on every write." })
export class SourceInput {
  @Field(() => String, { nullable: true, description: "the document's name or title; or give its url" })
  document?: string | null;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => String, { nullable: true, description: "the passage that states the change, verbatim" })
  quote?: string | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 language of the passage: "sl", "sr-Cyrl"' })
  language?: string | null;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD" })
  publishedOn?: string | null;
}

/** The longest quoted passage a source may hold, in characters. */
export const MAX_QUOTE_LENGTH = 2_000;

function sourceRequired(message: string): GraphQLError {
  return new GraphQLError(`A source is required: ${message}.`, { extensions: { code: "SOURCE_REQUIRED" } });
}

const blank = (value: string | null | undefined): boolean => !value || value.trim() === "";

/** The source as stored, or SOURCE_REQUIRED naming what is missing. */
export function requireSource(source: SourceInput | null | undefined): SourceRecord {
  if (!source)
    throw sourceRequired("give `source` with a document or url, the quoted passage and its language");
  if (blank(source.document) && blank(source.url)) throw sourceRequired("`source` needs a document or a url");
  if (blank(source.quote))
    throw sourceRequired("`source.quote` must quote the passage that states the change");
  if (blank(source.language)) throw sourceRequired("`source.language` must name the passage's language");
  if ((source.quote as string).length > MAX_QUOTE_LENGTH)
    throw new GraphQLError(`Argument "source.quote" must be at most ${MAX_QUOTE_LENGTH} characters long.`, {
      extensions: { code: "BAD_USER_INPUT", argumentName: "source.quote" },
    });
  const url = source.url?.trim() || null;
  return {
    document: source.document?.trim() || (url as string),
    quote: (source.quote as string).trim(),
    url,
    publishedOn: source.publishedOn?.trim() || null,
    language: (source.language as string).trim(),
    ...spanOf(source),
  };
}

/**
 * The span and confidence a machine reading gives with its quote (news ingestion stages its edits
 * with them; the GraphQL input has no such fields, so a person's source never carries them).
 */
function spanOf(
  source: SourceInput & Pick<SourceRecord, "start" | "end" | "confidence">,
): Partial<SourceRecord> {
  const { start, end, confidence } = source;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return {};
  return { start, end, ...(typeof confidence === "number" ? { confidence } : {}) };
}
