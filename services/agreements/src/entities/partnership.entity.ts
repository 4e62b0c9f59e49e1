// A lasting relation between two or more places; its members are rows of partnership_city.
import { Source, VersionedRecord } from "@twingraph/kit/subgraph";
import { type SourceRecord } from "@twingraph/kit/text";
import { Directive, Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, OneToMany, PrimaryColumn, type Relation } from "typeorm";
import { PartnershipKind, PartnershipStatus } from "./enums";
import type { PartnershipCity } from "./partnership-city.entity";

@Directive('@key(fields: "id")')
@ObjectType({ description: "A lasting relation between two or more places." })
@Entity("partnership")
export class Partnership extends VersionedRecord {
  @Field(() => ID)
  @PrimaryColumn("text")
  id!: string;

  @Field(() => String, {
    nullable: true,
    description: "the name of a multilateral partnership, where it has one",
  })
  @Column("text", { nullable: true })
  name!: string | null;

  @Field(() => PartnershipKind)
  @Index()
  @Column("text")
  kind!: PartnershipKind;

  @Field(() => PartnershipStatus)
  @Column("text")
  status!: PartnershipStatus;

  @Field(() => String, { nullable: true })
  @Index()
  @Column("text", { nullable: true })
  since!: string | null;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  until!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "how many places take part as stated, when more than are named",
  })
  @Column("integer", { nullable: true })
  memberCount!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "great-circle distance between its two places in km; null for three or more places or without coordinates",
  })
  @Column("double precision", { nullable: true })
  distanceKm!: number | null;

  @Field(() => [Source])
  @Column("simple-json")
  sources!: SourceRecord[];

  @OneToMany("PartnershipCity", (member: PartnershipCity) => member.partnership, { cascade: true })
  members!: Relation<PartnershipCity>[];
}
