// One side's delegation going to another place: who travelled, who received them, why, and what
// came of it. Host and visitor places are rows of visit_city as well, for lookups by city.
import { Source, VersionedRecord } from "@twingraph/kit/subgraph";
import { type SourceRecord } from "@twingraph/kit/text";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, OneToMany, PrimaryColumn, type Relation } from "typeorm";
import { CityRef, cityRef } from "./refs";
import type { VisitCity } from "./visit-city.entity";
import type { VisitPartnership } from "./visit-partnership.entity";

@ObjectType({ description: "A person named in the news: who travelled, who received them." })
export class Person {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  role?: string | null;

  @Field(() => String, { nullable: true })
  organisation?: string | null;

  cityId?: string | null;

  @Field(() => CityRef, { nullable: true })
  get city(): CityRef | null {
    return this.cityId ? cityRef(this.cityId) : null;
  }
}

export interface PersonRecord {
  name: string;
  role?: string | null;
  organisation?: string | null;
  cityId?: string | null;
}

function people(records: readonly PersonRecord[]): Person[] {
  return records.map((record) => Object.assign(new Person(), record));
}

@Directive('@key(fields: "id")')
@ObjectType({ description: "One side's delegation going to another place." })
@Entity("visit")
export class Visit extends VersionedRecord {
  @Field(() => ID)
  @PrimaryColumn("text")
  id!: string;

  @Field(() => String)
  @Index()
  @Column("text")
  date!: string;

  @Column("text")
  hostCityId!: string;

  @Column("simple-json")
  delegationRecords!: PersonRecord[];

  @Column("simple-json")
  hostRecords!: PersonRecord[];

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  purpose!: string | null;

  @Field(() => [String])
  @Column("simple-json")
  outcomes!: string[];

  @Column("text", { nullable: true })
  newsItemId!: string | null;

  @Field(() => [Source])
  @Column("simple-json")
  sources!: SourceRecord[];

  @OneToMany("VisitCity", (link: VisitCity) => link.visit)
  cityLinks!: Relation<VisitCity>[];

  @OneToMany("VisitPartnership", (link: VisitPartnership) => link.visit)
  partnershipLinks!: Relation<VisitPartnership>[];

  @Field(() => CityRef)
  get host(): CityRef {
    return cityRef(this.hostCityId);
  }

  @Field(() => [Person], { description: "who travelled" })
  get delegation(): Person[] {
    return people(this.delegationRecords);
  }

  @Field(() => [Person], { description: "who received them" })
  get hosts(): Person[] {
    return people(this.hostRecords);
  }
}
