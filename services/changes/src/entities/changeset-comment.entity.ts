// The discussion of a changeset: what its author and reviewers say about it.
import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

@ObjectType({ description: "A remark on a changeset." })
@Entity("changeset_comment")
export class ChangesetComment {
  @PrimaryGeneratedColumn("increment")
  id!: number;

  @Index()
  @Column("text")
  changesetId!: string;

  @Column("text")
  authorId!: string;

  @Field(() => String)
  @Column("text")
  authorName!: string;

  @Field(() => String, { description: "ISO 8601" })
  @Column("text")
  at!: string;

  @Field(() => String)
  @Column("text")
  text!: string;
}
