// The projects a news item is about, in the item's order; the index behind Project.news.
import { Column, Entity, Index, ManyToOne, PrimaryColumn, type Relation } from "typeorm";
import type { NewsItem } from "./news-item.entity";

@Entity("news_item_project")
export class NewsItemProject {
  @PrimaryColumn("text")
  newsItemId!: string;

  @Index()
  @PrimaryColumn("text")
  projectId!: string;

  @Column("integer")
  position!: number;

  @ManyToOne("NewsItem", (newsItem: NewsItem) => newsItem.projectLinks, { onDelete: "CASCADE" })
  newsItem!: Relation<NewsItem>;
}
