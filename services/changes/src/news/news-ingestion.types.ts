// What ingestNews answers: the changeset the proposed edits wait in for review, and what was read in
// the text — each fact with its quoted span (UTF-16 offsets into the stored text), its confidence,
// the places and people it names — so the contributor sees at once what an editor will review.
import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { Changeset } from "../entities";

@ObjectType({ description: "A person a fact names, with the role the text gives them." })
export class NewsPerson {
  @Field(() => String, { description: 'as written: "Vlasta Krmelj"' })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'normalised to English where known: "mayor", "deputy mayor"',
  })
  role!: string | null;

  @Field(() => ID, { nullable: true, description: "the graph city they represent, when the text says" })
  cityId!: string | null;

  @Field(() => String, { description: "the passage that names them, verbatim" })
  passage!: string;

  @Field(() => Int, { description: "where the name starts in the stored text (UTF-16 offset)" })
  start!: number;

  @Field(() => Int, { description: "where the name ends (exclusive)" })
  end!: number;
}

@ObjectType({
  description: "A partnership fact read in the text: a charter signed, an agreement, a visit, a plan.",
})
export class ExtractedFact {
  @Field(() => String, {
    description:
      "TWINNING_CHARTER, FRIENDSHIP_CHARTER, COOPERATION_AGREEMENT, MEMORANDUM, VISIT, PLANNED_TWINNING (reported, not proposed)",
  })
  kind!: string;

  @Field(() => String, {
    description: "the sentence or clause that states it, verbatim: text.slice(start, end)",
  })
  quote!: string;

  @Field(() => Int, { description: "where the quote starts in the stored text (UTF-16 offset)" })
  start!: number;

  @Field(() => Int, { description: "where the quote ends (exclusive)" })
  end!: number;

  @Field(() => Float, {
    description: "0 to 1: how sure the reading is (pattern strength, both sides linked)",
  })
  confidence!: number;

  @Field(() => [ID], {
    description:
      'the places it joins, in text order: graph city ids, or "geonames:<id>" for a place proposed from GeoNames',
  })
  placeIds!: string[];

  @Field(() => ID, { nullable: true, description: "a visit's host place" })
  hostId!: string | null;

  @Field(() => [ID], { description: "a visit's visiting places" })
  visitorIds!: string[];

  @Field(() => String, {
    nullable: true,
    description:
      'the event\'s date (not the publication date), as precise as the text: "2021-09-29", "2016-02"',
  })
  date!: string | null;

  @Field(() => [NewsPerson], { description: "the people it names: delegation, hosts, signatories" })
  people!: NewsPerson[];
}

@ObjectType({
  description: "A place the text names that could be one of several: linked to none, for a person to decide.",
})
export class PlaceOption {
  @Field(() => ID, { nullable: true, description: "the graph's city id; null for a GeoNames-only place" })
  cityId!: string | null;

  @Field(() => Int, { nullable: true, description: "its GeoNames id (https://www.geonames.org/<id>)" })
  geonameId!: number | null;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "ISO 3166-1 alpha-2" })
  countryCode!: string;

  @Field(() => Int, { nullable: true })
  population!: number | null;
}

@ObjectType({ description: "A name in the text that neither the country named nearby nor distance settled." })
export class AmbiguousPlace {
  @Field(() => String, { description: 'the name as written: "Ivanjica"' })
  text!: string;

  @Field(() => [PlaceOption], { description: "the places it may be" })
  candidates!: PlaceOption[];
}

@ObjectType({ description: "A GeoNames place new to the graph, proposed as a city in the changeset." })
export class ProposedPlace {
  @Field(() => ID, { description: 'the id the proposed city gets: "rs-ivanjica"' })
  cityId!: string;

  @Field(() => Int, { nullable: true, description: "its GeoNames id" })
  geonameId!: number | null;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "ISO 3166-1 alpha-2" })
  countryCode!: string;

  @Field(() => Float, { nullable: true })
  latitude!: number | null;

  @Field(() => Float, { nullable: true })
  longitude!: number | null;

  @Field(() => Int, { nullable: true })
  population!: number | null;
}

@ObjectType({ description: "What ingestNews read in a text and proposed for review." })
export class NewsIngestion {
  @Field(() => Changeset, {
    nullable: true,
    description:
      "the changeset the proposed edits are staged in (the one given, or a new OPEN one): submit it for review; null when nothing was staged and none was given (a duplicate)",
  })
  changeset!: Changeset | null;

  @Field(() => ID, { nullable: true, description: "the news item proposed; null for a duplicate" })
  newsItemId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "the news item that already holds this url or text (applied, or proposed in an open changeset): nothing was staged",
  })
  duplicateOf!: string | null;

  @Field(() => String, { description: "the title stored: the page's, or the text's first line" })
  title!: string;

  @Field(() => String, { description: 'BCP 47 tag of the text as detected or given: "sl", "sr-Cyrl"' })
  language!: string;

  @Field(() => Int, { description: "how many edits were staged in the changeset" })
  staged!: number;

  @Field(() => [ExtractedFact], { description: "the partnership facts read, the main one first" })
  facts!: ExtractedFact[];

  @Field(() => [AmbiguousPlace], { description: "names left unlinked because several places fit" })
  ambiguousPlaces!: AmbiguousPlace[];

  @Field(() => [ProposedPlace], { description: "GeoNames places new to the graph, proposed as cities" })
  proposedPlaces!: ProposedPlace[];
}
