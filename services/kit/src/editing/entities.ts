// The two tables every editable subgraph keeps beside its own: the edits staged in changesets that
// are not applied yet, and every version of every record, with the changeset that made it.
import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from "typeorm";
import type { SourceRecord } from "../sources";

export type EditOp = "CREATE" | "UPDATE" | "DEPRECATE" | "RESTORE";
/** STAGED: proposed; PREPARED: checked and its records reserved for applying; then APPLIED or ABORTED */
export type EditState = "STAGED" | "PREPARED" | "APPLIED" | "ABORTED";

@Entity("staged_edit")
export class StagedEdit {
  @PrimaryGeneratedColumn("increment")
  id!: number;

  @Index()
  @Column("text")
  changesetId!: string;

  /** the GraphQL type: "City", "Partnership" */
  @Column("text")
  entity!: string;

  @Index()
  @Column("text")
  recordId!: string;

  @Column("text")
  op!: EditOp;

  /** the version the author read; null for CREATE */
  @Column("integer", { nullable: true })
  baseVersion!: number | null;

  /** CREATE: all values; UPDATE: the fields that change; DEPRECATE: { reason }; RESTORE: all values */
  @Column("simple-json")
  values!: Record<string, unknown>;

  @Column("simple-json")
  source!: SourceRecord;

  @Column("text")
  authorId!: string;

  @Column("text")
  authorName!: string;

  /** ISO 8601 */
  @Column("text")
  createdAt!: string;

  @Index()
  @Column("text")
  state!: EditState;
}

@Entity("record_version")
@Unique(["entity", "recordId", "version"])
export class RecordVersion {
  @PrimaryGeneratedColumn("increment")
  id!: number;

  @Column("text")
  entity!: string;

  @Index()
  @Column("text")
  recordId!: string;

  @Column("integer")
  version!: number;

  @Index()
  @Column("text")
  changesetId!: string;

  @Column("text")
  authorId!: string;

  @Column("text")
  authorName!: string;

  /** ISO 8601, when it was applied */
  @Index()
  @Column("text")
  at!: string;

  @Column("text")
  op!: EditOp;

  /** the record's values before; null when this version created it */
  @Column("simple-json", { nullable: true })
  before!: Record<string, unknown> | null;

  @Column("simple-json")
  after!: Record<string, unknown>;

  @Column("simple-json", { nullable: true })
  source!: SourceRecord | null;
}

export const editingEntities = [StagedEdit, RecordVersion];
