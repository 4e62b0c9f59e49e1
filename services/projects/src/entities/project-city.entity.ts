// The places that take part in a project, as far as they are named, in the source's order.
import { Column, Entity, Index, PrimaryColumn } from "typeorm";

@Entity("project_city")
export class ProjectCity {
  @PrimaryColumn("text")
  projectId!: string;

  @Index()
  @PrimaryColumn("text")
  cityId!: string;

  @Column("integer")
  position!: number;
}
