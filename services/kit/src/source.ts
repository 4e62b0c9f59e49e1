// Source is the provenance value type: a document and the passage that states a fact.
// Every subgraph stores its records' sources as JSON beside the record.
import { Directive, Field, Float, Int, ObjectType } from "type-graphql";

@Directive("@shareable")
@ObjectType({ description: "Where a fact comes from: a document and the passage that states it." })
export class Source {
  @Field(() => String, { description: 'e.g. "004_456ee31a02840778.txt"' })
  document!: string;

  @Field(() => String, { nullable: true, description: "the passage, in the document's language" })
  quote?: string | null;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => String, { nullable: true })
  publishedOn?: string | null;

  @Field(() => String, { nullable: true })
  language?: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "where the quote starts in the news item's stored text (UTF-16 offset); null for other documents",
  })
  start?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "where the quote ends in the news item's stored text (exclusive)",
  })
  end?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "how sure the extraction was of the fact quoted, 0 to 1; null for facts a person wrote",
  })
  confidence?: number | null;
}
