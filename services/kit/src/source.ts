// Source is the provenance value type: a document and the passage that states a fact.
// Every subgraph stores its records' sources as JSON beside the record.
import { Directive, Field, ObjectType } from "type-graphql";

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
}

export interface SourceRecord {
  document: string;
  quote?: string | null;
  url?: string | null;
  publishedOn?: string | null;
  language?: string | null;
}

/** Adds the sources that are not there yet; the same document and quote count once. */
export function mergeSources(
  existing: readonly SourceRecord[],
  added: readonly SourceRecord[],
): SourceRecord[] {
  const key = (source: SourceRecord) => `${source.document}\u0000${source.quote ?? ""}`;
  const seen = new Set(existing.map(key));
  const merged = [...existing];
  for (const source of added) {
    if (!seen.has(key(source))) {
      seen.add(key(source));
      merged.push(source);
    }
  }
  return merged;
}
