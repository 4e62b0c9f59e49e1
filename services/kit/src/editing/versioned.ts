// What every editable record carries: its version, which an update must name, and its rank. Nothing
// is deleted: a wrong record is DEPRECATED with a reason and left out of default reads.
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column } from "typeorm";

export enum RecordRank {
  NORMAL = "NORMAL",
  DEPRECATED = "DEPRECATED",
}

registerEnumType(RecordRank, {
  name: "RecordRank",
  description: "NORMAL records are read by default; DEPRECATED ones only with includeDeprecated",
});

/** Entities extend this: TypeORM and type-graphql both inherit the columns and fields. */
@ObjectType({ description: "never in a schema itself: its fields appear on each record type" })
export abstract class VersionedRecord {
  @Field(() => Int, {
    description: "moves on by one with every applied change; an update names the version it read",
  })
  @Column("integer", { default: 1 })
  version!: number;

  @Field(() => RecordRank)
  @Column("text", { default: RecordRank.NORMAL })
  rank!: RecordRank;

  @Field(() => String, { nullable: true, description: "why the record was deprecated" })
  @Column("text", { nullable: true })
  deprecationReason!: string | null;
}
