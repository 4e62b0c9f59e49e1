// searchNews: full-text search over news items in any language and script, ranked, with a snippet
// of each hit's own text. The index and how words meet are in ../search.
import {
  badUserInput,
  checkDate,
  checkFirst,
  checkTextLength,
  MAX_DATE_ARGUMENT,
  type SubgraphContext,
} from "@twingraph/kit/subgraph";
import { Arg, Ctx, Field, Float, ID, Int, ObjectType, Query, Resolver } from "type-graphql";
import { In } from "typeorm";
import { NewsItem } from "../entities/news-item.entity";
import { searchNewsItems } from "../search/search-index";
import {
  alternativeWords,
  MAX_QUERY_LENGTH,
  MAX_QUERY_WORDS,
  queryAlternatives,
  queryWords,
  searchDocument,
  snippet,
} from "../search/search-text";

@ObjectType({ description: "A news item that matches a search, with how well and where." })
export class NewsHit {
  @Field(() => NewsItem)
  item!: NewsItem;

  @Field(() => Float, { description: "higher is better; comparable within one answer only" })
  score!: number;

  @Field(() => String, {
    description:
      "about 160 characters of the item's own text around the best match, the matched words in <mark>…</mark>, the rest HTML-escaped",
  })
  snippet!: string;
}

/** The most hits one search answers: a page of results, not an export. */
export const MAX_SEARCH_HITS = 50;
/** The longest language filter: a BCP 47 tag with a region and a variant fits. */
const MAX_LANGUAGE_ARGUMENT = 35;

function checkSearchFirst(first: number): number {
  checkFirst(first);
  if (first > MAX_SEARCH_HITS)
    throw badUserInput("first", `must be at most ${MAX_SEARCH_HITS}, got ${first}`);
  return first;
}

/** A language tag or its prefix: letters, digits and hyphens only (it becomes a LIKE pattern). */
function checkLanguage(language: string | null | undefined): string | undefined {
  if (language === null || language === undefined) return undefined;
  checkTextLength(language, "language", MAX_LANGUAGE_ARGUMENT);
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(language))
    throw badUserInput(
      "language",
      `must be a BCP 47 language tag such as "sl" or "sr-Latn", got "${language}"`,
    );
  return language;
}

function checkQuery(query: string) {
  checkTextLength(query, "query", MAX_QUERY_LENGTH);
  const words = queryWords(query);
  if (words.length === 0) throw badUserInput("query", "must hold at least one word");
  if (words.length > MAX_QUERY_WORDS)
    throw badUserInput("query", `must hold at most ${MAX_QUERY_WORDS} words, got ${words.length}`);
  return words;
}

@Resolver()
export class NewsSearchResolver {
  @Query(() => [NewsHit], {
    description:
      "news items whose title or text holds every word of the query, best first: any script (Cyrillic finds Latin), without regard to case or diacritics, inflected forms by their stem; deprecated items left out",
  })
  async searchNews(
    @Arg("query", () => String) query: string,
    @Arg("language", () => String, {
      nullable: true,
      description: 'a BCP 47 tag or its language: "sr" finds "sr-Cyrl" and "sr-Latn"',
    })
    language: string | null,
    @Arg("from", () => String, { nullable: true, description: "published on or after this date" })
    from: string | null,
    @Arg("to", () => String, { nullable: true, description: "published on or before this date" })
    to: string | null,
    @Arg("cityId", () => ID, { nullable: true, description: "only those that mention this city" })
    cityId: string | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 10 }) first: number,
    @Ctx() context: SubgraphContext,
  ): Promise<NewsHit[]> {
    const words = checkQuery(query);
    const filters = {
      language: checkLanguage(language),
      from: checkDate(checkTextLength(from, "from", MAX_DATE_ARGUMENT), "from"),
      to: checkDate(checkTextLength(to, "to", MAX_DATE_ARGUMENT), "to"),
      cityId: cityId ?? undefined,
      first: checkSearchFirst(first),
    };
    if (filters.first === 0) return [];
    const alternatives = queryAlternatives(words);
    const rows = await searchNewsItems(context.db, alternatives, filters);
    const marked = alternativeWords(alternatives);
    const items = await context.db.getRepository(NewsItem).findBy({ id: In(rows.map((row) => row.id)) });
    const byId = new Map(items.map((item) => [item.id, item]));
    return rows.flatMap((row) => {
      const item = byId.get(row.id);
      return item ? [{ item, score: row.score, snippet: snippet(searchDocument(item), marked) }] : [];
    });
  }
}
