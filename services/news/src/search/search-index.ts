// The news search index in both databases, written by ingest.ts's one write path and read by
// searchNews. SQLite: an FTS5 table over the items' folded title and body (external content kept in
// news_search_doc by triggers, so that an item's row is found by its id through an index, not a
// scan), ranked by bm25. PostgreSQL: news_search holds a tsvector per item (migration 0004), ranked
// by ts_rank. Both hold the words searchableText folds (Latin, no diacritics, lower case): the
// folding happens here, once, so both databases index the same words and answer the same hits;
// PostgreSQL's unaccent would have nothing left to do. PostgreSQL also stems Serbian, Croatian and
// Bosnian items with its `serbian` Snowball configuration (PostgreSQL 15+), which lets "Kragujevcu"
// meet "Kragujevac"; SQLite has no such stemmer, and Slovene has none anywhere, so the query-side
// stems of search-text.ts are what makes "pobratenje" meet "pobratenega" on both.
import { type Database, isPostgresDatabase, RecordRank, SqlStatement } from "@twingraph/kit/subgraph";
import type { SourceRecord } from "@twingraph/kit/text";
import type { DataSource, EntityManager } from "typeorm";
import {
  ftsMatchExpression,
  type QueryWord,
  type SearchSource,
  searchableText,
  searchDocument,
  stemsAsSerbian,
  tsQueryTerm,
} from "./search-text";

/** The filters searchNews takes besides the query, checked. */
export interface SearchFilters {
  /** a BCP 47 tag or its prefix: "sr" finds "sr", "sr-Cyrl" and "sr-Latn" */
  language?: string;
  from?: string;
  to?: string;
  cityId?: string;
  first: number;
}

export interface SearchRow {
  id: string;
  score: number;
}

/**
 * The SQLite index, created when the database opens (SQLite is synchronized, not migrated) and
 * filled from the items a database made before it already holds.
 */
export async function openSqliteSearchIndex(db: DataSource): Promise<void> {
  const existing: unknown[] = await db.query(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'news_search_doc'",
  );
  if (existing.length > 0) return;
  await db.transaction(async (manager) => {
    for (const statement of SQLITE_INDEX) await manager.query(statement);
    await indexAllNewsItems(manager);
  });
}

const SQLITE_INDEX = [
  `CREATE TABLE news_search_doc (
    rowid INTEGER PRIMARY KEY,
    item_id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    body TEXT NOT NULL
  )`,
  // remove_diacritics 2 folds what searchableText left (nothing, for the scripts it knows)
  `CREATE VIRTUAL TABLE news_search USING fts5(
    item_id UNINDEXED, title, body,
    content = 'news_search_doc', content_rowid = 'rowid',
    tokenize = "unicode61 remove_diacritics 2"
  )`,
  `CREATE TRIGGER news_search_doc_inserted AFTER INSERT ON news_search_doc BEGIN
    INSERT INTO news_search (rowid, item_id, title, body) VALUES (new.rowid, new.item_id, new.title, new.body);
  END`,
  `CREATE TRIGGER news_search_doc_deleted AFTER DELETE ON news_search_doc BEGIN
    INSERT INTO news_search (news_search, rowid, item_id, title, body)
      VALUES ('delete', old.rowid, old.item_id, old.title, old.body);
  END`,
  `CREATE TRIGGER news_search_doc_updated AFTER UPDATE ON news_search_doc BEGIN
    INSERT INTO news_search (news_search, rowid, item_id, title, body)
      VALUES ('delete', old.rowid, old.item_id, old.title, old.body);
    INSERT INTO news_search (rowid, item_id, title, body) VALUES (new.rowid, new.item_id, new.title, new.body);
  END`,
];

interface StoredItem {
  id: string;
  title: string;
  summary: string | null;
  text: string | null;
  language: string;
  sources: string;
}

/**
 * Indexes every news item the tables hold, read with plain SQL (the columns migration 0004 knows),
 * so that the migration can call it whatever the entity has become since.
 */
export async function indexAllNewsItems(manager: EntityManager): Promise<void> {
  const rows: StoredItem[] = await manager.query(
    `SELECT "id", "title", "summary", "text", "language", "sources" FROM ${new SqlStatement(manager).table("news_item")}`,
  );
  const items = rows.map((row) => ({ ...row, sources: JSON.parse(row.sources) as SourceRecord[] }));
  for (let start = 0; start < items.length; start += INDEX_BATCH)
    await indexNewsItems(manager, items.slice(start, start + INDEX_BATCH));
}

/** Items per statement: three or four parameters each, well under either database's limit. */
const INDEX_BATCH = 500;

/** Writes the index rows of these items, replacing what it held for them. */
export async function indexNewsItems(manager: EntityManager, items: readonly SearchSource[]): Promise<void> {
  if (items.length === 0) return;
  const postgres = isPostgresDatabase(manager);
  const sql = new SqlStatement(manager);
  const rows = items.map((item) => {
    const document = searchDocument(item);
    const id = sql.param(item.id);
    const title = sql.param(searchableText(document.title));
    const body = sql.param(searchableText(document.body));
    if (!postgres) return `(${id}, ${title}, ${body})`;
    // the title weighs more than the body in ts_rank: A against B
    const vector = (config: string) =>
      `setweight(to_tsvector('${config}', ${title}::text), 'A') || setweight(to_tsvector('${config}', ${body}::text), 'B')`;
    return `(${id}, ${vector("simple")}${stemsAsSerbian(item.language) ? ` || ${vector("serbian")}` : ""})`;
  });
  const statement = postgres
    ? `INSERT INTO ${sql.table("news_search")} ("item_id", "document") VALUES ${rows.join(", ")}
       ON CONFLICT ("item_id") DO UPDATE SET "document" = excluded."document"`
    : `INSERT INTO news_search_doc (item_id, title, body) VALUES ${rows.join(", ")}
       ON CONFLICT (item_id) DO UPDATE SET title = excluded.title, body = excluded.body`;
  await manager.query(statement, sql.values);
}

/**
 * The ids and scores of the items that match every word of one of the query's alternatives
 * (queryAlternatives), best first: not deprecated, within the filters. Scores are the database's own (bm25 negated on SQLite, ts_rank on
 * PostgreSQL): higher is better, comparable within one answer only.
 */
export async function searchNewsItems(
  db: Database,
  alternatives: readonly (readonly QueryWord[])[],
  filters: SearchFilters,
): Promise<SearchRow[]> {
  const postgres = isPostgresDatabase(db);
  const sql = new SqlStatement(db);
  const conditions: string[] = [`n."rank" = ${sql.param(RecordRank.NORMAL)}`];
  let from: string;
  let score: string;
  if (postgres) {
    // each word: the simple terms, or (for Serbian, Croatian and Bosnian items) its Serbian stem
    const term = (word: QueryWord) =>
      `(to_tsquery('simple', ${sql.param(tsQueryTerm(word))}) || plainto_tsquery('serbian', ${sql.param(word.word)}))`;
    const query = alternatives.map((alternative) => `(${alternative.map(term).join(" && ")})`).join(" || ");
    // the query written out where it is used, not joined from a subquery, so the GIN index serves it
    from = `${sql.table("news_search")} search JOIN ${sql.table("news_item")} n ON n."id" = search."item_id"`;
    conditions.push(`search."document" @@ (${query})`);
    score = `ts_rank(search."document", ${query})`;
  } else {
    from = `news_search JOIN "news_item" n ON n."id" = news_search.item_id`;
    conditions.push(`news_search MATCH ${sql.param(ftsMatchExpression(alternatives))}`);
    // weights per column: item_id (not indexed), title, body
    score = "-bm25(news_search, 0.0, 4.0, 1.0)";
  }
  if (filters.language !== undefined) {
    const tag = filters.language.toLowerCase();
    conditions.push(
      `(lower(n."language") = ${sql.param(tag)} OR lower(n."language") LIKE ${sql.param(`${tag}-%`)})`,
    );
  }
  if (filters.from !== undefined) conditions.push(`n."publishedOn" >= ${sql.param(filters.from)}`);
  // a more precise date within `to` ("2016-02-25" within "2016") counts as on or before it
  if (filters.to !== undefined)
    conditions.push(
      `(n."publishedOn" <= ${sql.param(filters.to)} OR n."publishedOn" LIKE ${sql.param(`${filters.to}%`)})`,
    );
  if (filters.cityId !== undefined)
    conditions.push(
      `n."id" IN (SELECT "newsItemId" FROM ${sql.table("news_item_city")} WHERE "cityId" = ${sql.param(filters.cityId)})`,
    );
  const rows: { id: string; score: number | string }[] = await db.query(
    `SELECT n."id" AS "id", ${score} AS "score" FROM ${from}
     WHERE ${conditions.join(" AND ")}
     ORDER BY "score" DESC, n."id" ASC
     LIMIT ${sql.param(filters.first)}`,
    sql.values,
  );
  return rows.map((row) => ({ id: row.id, score: Number(row.score) }));
}
