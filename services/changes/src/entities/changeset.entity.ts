// A changeset: edits grouped under one comment and author, reviewed and applied all or none. The
// edits themselves live in the subgraphs that own their records; this row holds the decision.
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

export enum ChangesetKind {
  EDIT = "EDIT",
  IMPORT = "IMPORT",
  SEED = "SEED",
  REVERT = "REVERT",
}
registerEnumType(ChangesetKind, {
  name: "ChangesetKind",
  description:
    "EDIT: made through the API; IMPORT and SEED: written by `npm run import` or the seed; REVERT: undoes another",
});

export enum ChangesetStatus {
  OPEN = "OPEN",
  SUBMITTED = "SUBMITTED",
  APPLYING = "APPLYING",
  APPLIED = "APPLIED",
  REJECTED = "REJECTED",
}
registerEnumType(ChangesetStatus, {
  name: "ChangesetStatus",
  description:
    "OPEN: its author adds edits; SUBMITTED: waits for review; APPLYING: being applied; then APPLIED or REJECTED",
});

/** Where an APPLYING changeset stands: PREPARING may still be aborted; COMMITTING is decided and only goes forward. */
export type ApplyPhase = "PREPARING" | "COMMITTING";

@Directive('@key(fields: "id")')
@ObjectType({ description: "Edits proposed together, with one comment and author, applied all or none." })
@Entity("changeset")
export class Changeset {
  @Field(() => ID, { description: '"cs_", 16 random characters, "_" and 16 that bind it to its author' })
  @PrimaryColumn("text")
  id!: string;

  @Field(() => String)
  @Column("text")
  comment!: string;

  @Field(() => ChangesetKind)
  @Column("text")
  kind!: ChangesetKind;

  @Field(() => ChangesetStatus)
  @Index()
  @Column("text")
  status!: ChangesetStatus;

  /** set while APPLYING */
  @Column("text", { nullable: true })
  phase!: ApplyPhase | null;

  /** the status an apply started from, to return to when it is aborted */
  @Column("text", { nullable: true })
  statusBeforeApply!: ChangesetStatus | null;

  /** the account's subject */
  @Index()
  @Column("text")
  authorId!: string;

  @Field(() => String)
  @Column("text")
  authorName!: string;

  @Field(() => String, { description: "ISO 8601" })
  @Index()
  @Column("text")
  createdAt!: string;

  @Field(() => String, { nullable: true, description: "ISO 8601" })
  @Column("text", { nullable: true })
  submittedAt!: string | null;

  @Column("text", { nullable: true })
  reviewerId!: string | null;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  reviewerName!: string | null;

  @Field(() => String, { nullable: true, description: "ISO 8601, when it was applied or rejected" })
  @Column("text", { nullable: true })
  reviewedAt!: string | null;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  reviewComment!: string | null;

  @Field(() => ID, { nullable: true, description: "the changeset this one reverts" })
  @Column("text", { nullable: true })
  revertOf!: string | null;

  @Field(() => ID, { nullable: true, description: "the changeset that reverted this one" })
  @Column("text", { nullable: true })
  revertedBy!: string | null;

  @Field(() => [String], { description: "the subgraphs where it has edits, known once it is prepared" })
  @Column("simple-json")
  subgraphs!: string[];
}
