// The ingestNews mutation: maps its arguments onto ingestNews, which decides everything.
import type { SubgraphContext } from "@twingraph/kit/subgraph";
import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { ingestNews } from "./ingest-news";
import { NewsIngestion } from "./news-ingestion.types";

@Resolver()
export class IngestNewsResolver {
  @Mutation(() => NewsIngestion, {
    description:
      "contributor: reads a news text (`text`) or page (`html`, its main text), links its places, visits and agreements to the graph and stages them in a changeset for review (`changesetId`, the viewer's OPEN one, or a new one); a text seen before (by url or content hash) stages nothing and answers `duplicateOf`",
  })
  ingestNews(
    @Arg("text", () => String, {
      nullable: true,
      description: "plain text of the news, at most 50,000 characters",
    })
    text: string | null,
    @Arg("html", () => String, {
      nullable: true,
      description: "an HTML page, at most 1 MB; its main text is read, at most 50,000 characters",
    })
    html: string | null,
    @Arg("url", () => String, { nullable: true, description: "where the news was published" })
    url: string | null,
    @Arg("publishedOn", () => String, { nullable: true, description: "YYYY-MM-DD; else the page's own date" })
    publishedOn: string | null,
    @Arg("language", () => String, {
      nullable: true,
      description: 'BCP 47 tag to use instead of detecting: "sl"',
    })
    language: string | null,
    @Arg("changesetId", () => ID, {
      nullable: true,
      description: "the viewer's OPEN changeset to stage in; else a new one",
    })
    changesetId: string | null,
    @Ctx() context: SubgraphContext,
  ): Promise<NewsIngestion> {
    return ingestNews(context.db, context.viewer, { text, html, url, publishedOn, language, changesetId });
  }
}
