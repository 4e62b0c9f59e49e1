// The places a news item mentions, in the item's order; the index behind City.news and
// Partnership.news.
import { Column, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from "typeorm";
import type { NewsItem } from "./news-item.entity";

@Entity("news_item_city")
export class NewsItemCity {
  @PrimaryColumn("text")
  newsItemId!: string;

  @Index()
  @PrimaryColumn("text")
  cityId!: string;

  @Column("integer")
  position!: number;

  @ManyToOne("NewsItem", (newsItem: NewsItem) => newsItem.cityLinks, { onDelete: "CASCADE" })
  newsItem!: Relation<NewsItem>;
}
