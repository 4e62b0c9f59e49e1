// A place that takes part in partnerships. Owned by this subgraph; others hold key-only stubs.
// Versioned and ranked like every editable record: nothing is deleted, a wrong city is deprecated.
import { Country, countryOf, Source, VersionedRecord } from "@twingraph/kit/subgraph";
import { type SourceRecord } from "@twingraph/kit/text";
import { Directive, Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, OneToMany, PrimaryColumn, type Relation } from "typeorm";
import type { CityName } from "./city-name.entity";

@Directive('@key(fields: "id")')
@ObjectType({ description: "A town, city or other place that takes part in partnerships." })
@Entity("city")
export class City extends VersionedRecord {
  @Field(() => ID, { description: 'stable and readable, e.g. "si-kranj", "at-villach"' })
  @PrimaryColumn("text")
  id!: string;

  @Field(() => String, { description: 'common English name: "Villach", "Moscow", "Suresnes"' })
  @Column("text")
  name!: string;

  @Field(() => String, { nullable: true, description: 'in the place\'s own language and script: "Москва"' })
  @Column("text", { nullable: true })
  localName!: string | null;

  @Index()
  @Column("text")
  countryCode!: string;

  @Field(() => Float, { nullable: true })
  @Column("double precision", { nullable: true })
  latitude!: number | null;

  @Field(() => Float, { nullable: true })
  @Column("double precision", { nullable: true })
  longitude!: number | null;

  @Field(() => Int, { nullable: true })
  @Column("integer", { nullable: true })
  population!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "the GeoNames id of the place (https://www.geonames.org/<id>) when the gazetteer matched it",
  })
  @Index()
  @Column("integer", { nullable: true })
  geonameId!: number | null;

  @Field(() => String, { nullable: true, description: 'the Wikidata item, e.g. "Q437"' })
  @Index()
  @Column("text", { nullable: true })
  wikidataId!: string | null;

  @Field(() => [Source], { description: "documents and data sets that name this place" })
  @Column("simple-json")
  sources!: SourceRecord[];

  @OneToMany("CityName", (name: CityName) => name.city, { cascade: true })
  names!: Relation<CityName>[];

  @Field(() => Country)
  get country(): Country {
    return countryOf(this.countryCode);
  }
}
