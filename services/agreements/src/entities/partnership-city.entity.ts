// Membership of a city in a partnership, in the order the partnership names them.
import { Column, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from "typeorm";
import type { Partnership } from "./partnership.entity";

@Entity("partnership_city")
export class PartnershipCity {
  @PrimaryColumn("text")
  partnershipId!: string;

  @Index()
  @PrimaryColumn("text")
  cityId!: string;

  @Column("integer")
  position!: number;

  @ManyToOne("Partnership", (partnership: Partnership) => partnership.members, { onDelete: "CASCADE" })
  partnership!: Relation<Partnership>;
}

export function memberRows(partnershipId: string, cityIds: readonly string[]): PartnershipCity[] {
  return cityIds.map((cityId, position) =>
    Object.assign(new PartnershipCity(), { partnershipId, cityId, position }),
  );
}
