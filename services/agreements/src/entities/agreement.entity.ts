// A signed document between parties, with what it covers and where it comes from.
import { Country, countryOrNull, Source, VersionedRecord } from "@twingraph/kit/subgraph";
import { type SourceRecord } from "@twingraph/kit/text";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { CityRef, cityRef } from "./city-ref";
import { AgreementKind, PartyKind } from "./enums";

@ObjectType({
  description: "One side of an agreement: a municipality, a government, an embassy, an association.",
})
export class Party {
  @Field(() => String, {
    description: '"Vlada Moskve", "Mestna občina Ljubljana", "Ambasada Francuske u Srbiji"',
  })
  name!: string;

  @Field(() => PartyKind)
  kind!: PartyKind;

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

export interface PartyRecord {
  name: string;
  kind: PartyKind;
  cityId?: string | null;
  countryCode?: string | null;
}

@ObjectType({ description: "A person who signed an agreement." })
export class Signatory {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  role?: string | null;

  @Field(() => String, { nullable: true, description: "the party they signed for" })
  party?: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: "A signed document." })
@Entity("agreement")
export class Agreement extends VersionedRecord {
  @Field(() => ID)
  @PrimaryColumn("text")
  id!: string;

  @Field(() => String)
  @Column("text")
  title!: string;

  @Field(() => AgreementKind)
  @Index()
  @Column("text")
  kind!: AgreementKind;

  @Column("simple-json")
  partyRecords!: PartyRecord[];

  @Field(() => [Signatory])
  @Column("simple-json")
  signatories!: Signatory[];

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  signedOn!: string | null;

  @Column("text", { nullable: true })
  signedAtCityId!: string | null;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  validFrom!: string | null;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  validUntil!: string | null;

  @Field(() => String, { nullable: true, description: "the renewal or termination clause, in words" })
  @Column("text", { nullable: true })
  renewal!: string | null;

  @Column("text", { nullable: true })
  basedOnId!: string | null;

  @Field(() => [String], { description: "areas of cooperation as the document lists them" })
  @Column("simple-json")
  areas!: string[];

  @Field(() => [String], { description: "languages of the authentic texts" })
  @Column("simple-json")
  languages!: string[];

  @Index()
  @Column("text", { nullable: true })
  partnershipId!: string | null;

  @Field(() => [Source])
  @Column("simple-json")
  sources!: SourceRecord[];

  @Field(() => [Party])
  get parties(): Party[] {
    return this.partyRecords.map((record) => Object.assign(new Party(), record));
  }

  @Field(() => CityRef, { nullable: true })
  get signedAt(): CityRef | null {
    return this.signedAtCityId ? cityRef(this.signedAtCityId) : null;
  }
}
