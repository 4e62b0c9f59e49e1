// News ingestion (issue 12): a news item keeps the text it was ingested from and that text's hash
// (indexed: how a text seen before is recognised), and the search index, one tsvector per item in
// news_search (a table of its own, not a column of news_item, which the entity describes exactly),
// filled here from the items the schema already holds.
import { migrationSchema, runStatements } from "@twingraph/kit/subgraph";
import type { MigrationInterface, QueryRunner } from "typeorm";
import { indexAllNewsItems } from "../search/search-index";

export class NewsSearch1797120000000 implements MigrationInterface {
  name = "NewsSearch1797120000000";

  async up(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runStatements(runner, [
      `ALTER TABLE ${s}."news_item" ADD "text" text`,
      `ALTER TABLE ${s}."news_item" ADD "contentHash" text`,
      `CREATE INDEX "IDX_5dfafd666cf266edca1e12281d" ON ${s}."news_item" ("contentHash")`,
      `CREATE TABLE ${s}."news_search" (
        "item_id" text NOT NULL,
        "document" tsvector NOT NULL,
        CONSTRAINT "PK_news_search" PRIMARY KEY ("item_id"),
        CONSTRAINT "FK_news_search_item" FOREIGN KEY ("item_id") REFERENCES ${s}."news_item"("id") ON DELETE CASCADE
      )`,
      `CREATE INDEX "IDX_news_search_document" ON ${s}."news_search" USING GIN ("document")`,
    ]);
    await indexAllNewsItems(runner.manager);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = migrationSchema(runner);
    await runStatements(runner, [
      `DROP TABLE ${s}."news_search"`,
      `DROP INDEX ${s}."IDX_5dfafd666cf266edca1e12281d"`,
      `ALTER TABLE ${s}."news_item" DROP COLUMN "contentHash"`,
      `ALTER TABLE ${s}."news_item" DROP COLUMN "text"`,
    ]);
  }
}
