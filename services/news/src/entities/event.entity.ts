// A gathering, exchange, festival or conference, held or planned, and the project or agreement it
// belongs to where the source says so.
import { Source, VersionedRecord } from "@twingraph/kit/subgraph";
import { type SourceRecord } from "@twingraph/kit/text";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, OneToMany, PrimaryColumn, type Relation } from "typeorm";
import type { EventCity } from "./event-city.entity";
import { AgreementRef, agreementRef, CityRef, cityRef, ProjectRef, projectRef } from "./refs";

@Directive('@key(fields: "id")')
@ObjectType({ description: "A gathering, exchange, festival or conference, held or planned." })
@Entity("event")
export class Event extends VersionedRecord {
  @Field(() => ID)
  @PrimaryColumn("text")
  id!: string;

  @Field(() => String)
  @Column("text")
  title!: string;

  @Field(() => String, { nullable: true })
  @Index()
  @Column("text", { nullable: true })
  date!: string | null;

  @Index()
  @Column("text", { nullable: true })
  placeCityId!: string | null;

  // "boolean" is a real boolean on PostgreSQL and 0/1 on SQLite; TypeORM converts both ways.
  @Field(() => Boolean, { description: "announced, not yet held when the source was written" })
  @Column("boolean")
  planned!: boolean;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  description!: string | null;

  @Index()
  @Column("text", { nullable: true })
  projectId!: string | null;

  @Index()
  @Column("text", { nullable: true })
  agreementId!: string | null;

  @Field(() => [Source])
  @Column("simple-json")
  sources!: SourceRecord[];

  @OneToMany("EventCity", (link: EventCity) => link.event)
  cityLinks!: Relation<EventCity>[];

  @Field(() => CityRef, { nullable: true })
  get place(): CityRef | null {
    return this.placeCityId ? cityRef(this.placeCityId) : null;
  }

  @Field(() => ProjectRef, { nullable: true, description: "the project it is part of" })
  get project(): ProjectRef | null {
    return this.projectId ? projectRef(this.projectId) : null;
  }

  @Field(() => AgreementRef, { nullable: true, description: "the agreement that provides for it" })
  get agreement(): AgreementRef | null {
    return this.agreementId ? agreementRef(this.agreementId) : null;
  }
}
