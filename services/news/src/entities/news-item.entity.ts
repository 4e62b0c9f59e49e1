// A published news item; the places it mentions and the projects it is about are rows of
// news_item_city and news_item_project. Its words are also in the search index (search/), which
// the write path in ingest.ts keeps.
import { Source, VersionedRecord } from "@twingraph/kit/subgraph";
import { type SourceRecord } from "@twingraph/kit/text";
import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, OneToMany, PrimaryColumn, type Relation } from "typeorm";
import type { NewsItemCity } from "./news-item-city.entity";
import type { NewsItemProject } from "./news-item-project.entity";

@Directive('@key(fields: "id")')
@ObjectType({ description: "A published news item." })
@Entity("news_item")
export class NewsItem extends VersionedRecord {
  @Field(() => ID)
  @PrimaryColumn("text")
  id!: string;

  @Field(() => String)
  @Column("text")
  title!: string;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  summary!: string | null;

  @Field(() => String, { nullable: true })
  @Index()
  @Column("text", { nullable: true })
  publishedOn!: string | null;

  @Field(() => String, { description: 'BCP 47: "sl", "sr-Latn"' })
  @Column("text")
  language!: string;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  publisher!: string | null;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  url!: string | null;

  @Field(() => [Source])
  @Column("simple-json")
  sources!: SourceRecord[];

  @Field(() => String, {
    nullable: true,
    description:
      "the stored text, which the offsets of facts proposed from it point into; null for items transcribed by hand",
  })
  @Column("text", { nullable: true })
  text!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "sha256 of the text (NFC, whitespace collapsed): the key an ingested text is recognised by",
  })
  @Index()
  @Column("text", { nullable: true })
  contentHash!: string | null;

  @OneToMany("NewsItemCity", (link: NewsItemCity) => link.newsItem)
  cityLinks!: Relation<NewsItemCity>[];

  @OneToMany("NewsItemProject", (link: NewsItemProject) => link.newsItem)
  projectLinks!: Relation<NewsItemProject>[];
}
