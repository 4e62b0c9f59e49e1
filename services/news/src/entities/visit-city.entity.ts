// The places a visit joins: its host and the cities its delegation came from. One table for both
// roles, so "visits of a city" (hosted or sent) is a single indexed lookup.
import { Column, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from "typeorm";
import type { Visit } from "./visit.entity";

export enum VisitRole {
  HOST = "HOST",
  VISITOR = "VISITOR",
}

@Entity("visit_city")
export class VisitCity {
  @PrimaryColumn("text")
  visitId!: string;

  @Index()
  @PrimaryColumn("text")
  cityId!: string;

  @PrimaryColumn("text")
  role!: VisitRole;

  @Column("integer")
  position!: number;

  @ManyToOne("Visit", (visit: Visit) => visit.cityLinks, { onDelete: "CASCADE" })
  visit!: Relation<Visit>;
}

export function visitCityRows(
  visitId: string,
  hostCityId: string,
  visitorCityIds: readonly string[],
): VisitCity[] {
  const host = { visitId, cityId: hostCityId, role: VisitRole.HOST, position: 0 };
  const visitors = [...new Set(visitorCityIds)].map((cityId, position) => ({
    visitId,
    cityId,
    role: VisitRole.VISITOR,
    position,
  }));
  return [host, ...visitors].map((row) => Object.assign(new VisitCity(), row));
}
