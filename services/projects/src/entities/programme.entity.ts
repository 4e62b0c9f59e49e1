// A funding programme under which projects run.
import { Country, countryOf, Source } from "@twingraph/kit/subgraph";
import { type SourceRecord } from "@twingraph/kit/text";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

@Directive('@key(fields: "id")')
@ObjectType({ description: "A funding programme." })
@Entity("programme")
export class Programme {
  @Field(() => ID)
  @PrimaryColumn("text")
  id!: string;

  @Field(() => String)
  @Column("text")
  name!: string;

  @Field(() => String, { nullable: true, description: '"European Union", "European Commission"' })
  @Column("text", { nullable: true })
  funder!: string | null;

  @Field(() => [String], { description: '"ERDF", ...' })
  @Column("simple-json")
  funds!: string[];

  @Column("simple-json")
  countryCodes!: string[];

  @Field(() => [Source])
  @Column("simple-json")
  sources!: SourceRecord[];

  @Field(() => [Country])
  get countries(): Country[] {
    return this.countryCodes.map(countryOf);
  }
}
