// The partnerships an editor linked a project to, beside those it shares cities with, in the order
// they were linked.
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

@Entity("project_partnership")
export class ProjectPartnership {
  @PrimaryColumn("text")
  projectId!: string;

  @Index()
  @PrimaryColumn("text")
  partnershipId!: string;

  @Column("integer")
  position!: number;
}
