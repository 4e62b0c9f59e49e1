// Every way a place is written: its primary and local names (kept here so one table answers name
// searches) and its aliases, each with a search key free of case and diacritics and the key's stem,
// which inflected forms of the name share (Kranju, Kragujevca).
import { keyStem, nameKey } from "@twingraph/kit/text";
import { Field, ObjectType } from "type-graphql";
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation, Unique } from "typeorm";
import type { City } from "./city.entity";

/** "gazetteer": a GeoNames alternate name; searchable, but not evidence that two spellings are one place */
export type CityNameKind = "name" | "local" | "alias" | "gazetteer";

@ObjectType({ description: "Another name of a place: an exonym, transcription or spelling met in sources." })
@Entity("city_name")
@Unique(["cityId", "kind", "name", "languageTag"])
export class CityName {
  @PrimaryGeneratedColumn("increment")
  rowId!: number;

  @Index()
  @Column("text")
  cityId!: string;

  @ManyToOne("City", (city: City) => city.names, { onDelete: "CASCADE" })
  city!: Relation<City>;

  @Column("text")
  kind!: CityNameKind;

  @Field(() => String, { description: '"Beljak", "Sirena", "Moskva"' })
  @Column("text")
  name!: string;

  /** "" when unknown, so that the unique constraint also holds for names without a language */
  @Column("text", { name: "language", default: "" })
  languageTag!: string;

  @Index()
  @Column("text")
  key!: string;

  /** nameStem(name); the default lets schema synchronisation add the column to a filled table */
  @Index()
  @Column("text", { default: "" })
  stem!: string;

  @Field(() => String, { nullable: true, description: 'BCP 47 where known: "sl", "sr-Latn", "de"' })
  get language(): string | null {
    return this.languageTag || null;
  }
}

export function cityName(
  cityId: string,
  kind: CityNameKind,
  name: string,
  language?: string | null,
): CityName {
  // the key once: imports make a row for each of a city's dozens of gazetteer names
  const key = nameKey(name);
  return Object.assign(new CityName(), {
    cityId,
    kind,
    name,
    languageTag: language ?? "",
    key,
    stem: keyStem(key),
  });
}
