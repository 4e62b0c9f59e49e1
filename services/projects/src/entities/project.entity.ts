// A funded project: who leads it, who takes part, what it costs, what it aims at and achieved.
import { Country, countryOrNull, Source, VersionedRecord } from "@twingraph/kit/subgraph";
import { type SourceRecord } from "@twingraph/kit/text";
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { CityRef, cityRef } from "./refs";

export enum PartnerRole {
  LEAD = "LEAD",
  PARTNER = "PARTNER",
  ASSOCIATED = "ASSOCIATED",
  PARTICIPANT = "PARTICIPANT",
}
registerEnumType(PartnerRole, { name: "PartnerRole" });

@ObjectType({ description: "An amount of money." })
export class Money {
  @Field(() => Float)
  amount!: number;

  @Field(() => String, { description: "ISO 4217" })
  currency!: string;
}

@ObjectType({ description: "An organisation taking part in a project." })
export class ProjectPartner {
  @Field(() => String)
  name!: string;

  @Field(() => PartnerRole)
  role!: PartnerRole;

  cityId?: string | null;
  countryCode?: string | null;

  @Field(() => CityRef, { nullable: true })
  get city(): CityRef | null {
    return this.cityId ? cityRef(this.cityId) : null;
  }

  @Field(() => Country, { nullable: true })
  get country(): Country | null {
    return countryOrNull(this.countryCode);
  }
}

export interface ProjectPartnerRecord {
  name: string;
  role: PartnerRole;
  cityId?: string | null;
  countryCode?: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: "A funded project." })
@Entity("project")
export class Project extends VersionedRecord {
  @Field(() => ID)
  @PrimaryColumn("text")
  id!: string;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  acronym!: string | null;

  @Field(() => String)
  @Column("text")
  title!: string;

  @Index()
  @Column("text", { nullable: true })
  programmeId!: string | null;

  @Field(() => [String])
  @Column("simple-json")
  funds!: string[];

  @Field(() => Money, { nullable: true })
  @Column("simple-json", { nullable: true })
  totalBudget!: Money | null;

  @Field(() => Money, { nullable: true })
  @Column("simple-json", { nullable: true })
  euContribution!: Money | null;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  start!: string | null;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  end!: string | null;

  @Column("simple-json")
  partnerRecords!: ProjectPartnerRecord[];

  @Field(() => Int, { nullable: true, description: "as stated, even when not all are named" })
  @Column("integer", { nullable: true })
  participantCount!: number | null;

  @Field(() => [String])
  @Column("simple-json")
  objectives!: string[];

  @Field(() => [String])
  @Column("simple-json")
  results!: string[];

  @Field(() => [Source])
  @Column("simple-json")
  sources!: SourceRecord[];

  @Field(() => [ProjectPartner])
  get partners(): ProjectPartner[] {
    return this.partnerRecords.map((record) => Object.assign(new ProjectPartner(), record));
  }
}
