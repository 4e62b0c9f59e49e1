// The GraphQL shapes of history and of edits under review, the same in every subgraph (shareable).
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Source } from "../source";

@Directive("@shareable")
@ObjectType({ description: "One field's value before and after a change, each as JSON text." })
export class FieldChange {
  @Field(() => String)
  field!: string;

  @Field(() => String, { nullable: true, description: "JSON; null when the field had no value" })
  before!: string | null;

  @Field(() => String, { nullable: true, description: "JSON; null when the field has no value" })
  after!: string | null;
}

@Directive("@shareable")
@ObjectType({ description: "One version of a record: who changed what, when, why, in which changeset." })
export class RecordChange {
  @Field(() => String, { description: 'the record\'s type: "City", "Partnership"' })
  entity!: string;

  @Field(() => ID)
  recordId!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => ID)
  changesetId!: string;

  @Field(() => String)
  authorName!: string;

  @Field(() => String, { description: "ISO 8601, when it was applied" })
  at!: string;

  @Field(() => String, { description: "CREATE, UPDATE, DEPRECATE or RESTORE" })
  op!: string;

  @Field(() => [FieldChange], { description: "the fields that changed" })
  changes!: FieldChange[];

  @Field(() => Source, { nullable: true })
  source!: Source | null;
}

@Directive("@shareable")
@ObjectType({ description: "A change proposed in a changeset: the record as it is now and as it would be." })
export class ProposedEdit {
  @Field(() => String, { description: "the subgraph that holds the record" })
  subgraph!: string;

  @Field(() => String)
  entity!: string;

  @Field(() => ID)
  recordId!: string;

  @Field(() => String)
  op!: string;

  @Field(() => String, { description: "STAGED, PREPARED, APPLIED or ABORTED" })
  state!: string;

  @Field(() => Int, { nullable: true, description: "the version the author read" })
  baseVersion!: number | null;

  @Field(() => [FieldChange])
  changes!: FieldChange[];

  @Field(() => Source)
  source!: Source;

  @Field(() => String)
  authorName!: string;

  @Field(() => String)
  createdAt!: string;
}
