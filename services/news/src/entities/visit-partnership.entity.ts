// The partnerships a visit is explicitly linked to, in the order they were given: besides the visits
// found through a partnership's cities, Partnership.visits lists these.
import { Column, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from "typeorm";
import type { Visit } from "./visit.entity";

@Entity("visit_partnership")
export class VisitPartnership {
  @PrimaryColumn("text")
  visitId!: string;

  @Index()
  @PrimaryColumn("text")
  partnershipId!: string;

  @Column("integer")
  position!: number;

  @ManyToOne("Visit", (visit: Visit) => visit.partnershipLinks, { onDelete: "CASCADE" })
  visit!: Relation<Visit>;
}
