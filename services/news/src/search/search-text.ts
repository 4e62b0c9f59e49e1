// What the news search indexes and asks, without a database: an item's words folded to lower-case
// Latin without diacritics (Cyrillic transliterated, so "Крагујевац" and "Kragujevac" are one
// word), a query turned into words with a crude stem each, the match expressions both databases take
// (built from folded words only, so no user syntax reaches them), and snippets cut from the
// original text with the matched words marked.
import { CASE_ENDINGS, nameKey, type SourceRecord } from "@twingraph/kit/text";

/** What an item is indexed from. */
export interface SearchSource {
  id: string;
  title: string;
  summary: string | null;
  text: string | null;
  language: string;
  sources: readonly SourceRecord[];
}

/** An item's searchable text in its own script: its title, and the body the snippet comes from. */
export interface SearchDocument {
  title: string;
  body: string;
}

/** A query word: the folded word, and the prefix its inflected forms share. */
export interface QueryWord {
  word: string;
  /** a prefix of `word`; equal to it when nothing was cut */
  stem: string;
  /** whether words that start with `stem` match, not only `word` itself */
  prefix: boolean;
}

/** The longest query the search takes: a few words, not a document. */
export const MAX_QUERY_LENGTH = 200;
/** The most words a query may hold; each becomes a term of the match expression. */
export const MAX_QUERY_WORDS = 12;

const PART_SEPARATOR = "\n\n";

/**
 * Lower case, Latin letters without diacritics, one space between words: the kit's name key, which
 * already transliterates Cyrillic letter by letter and turns punctuation into word boundaries.
 */
export function searchableText(text: string): string {
  return nameKey(text);
}

/**
 * The body an item is found by and its snippet cut from: its summary and stored text; an item
 * transcribed by hand has no text, so the quotes its sources hold from the page stand in for it
 * (they are the page's own words: the French–Serbian item names Kragujevac only in a quote). Parts
 * the title or another part already holds are left out, so a word counts once.
 */
export function searchDocument(item: SearchSource): SearchDocument {
  const quotes = item.text === null ? item.sources.map((source) => source.quote ?? "") : [];
  const titleKey = searchableText(item.title);
  const parts: string[] = [];
  const keys: string[] = [];
  for (const part of [item.text ?? "", item.summary ?? "", ...quotes]) {
    const key = searchableText(part);
    if (key === "" || key.includes(titleKey) || titleKey.includes(key)) continue;
    if (keys.some((kept) => kept.includes(key))) continue;
    parts.push(part.trim());
    keys.push(key);
  }
  return { title: item.title, body: parts.join(PART_SEPARATOR) };
}

/** Whether the item's language is one PostgreSQL's Serbian stemmer fits: Serbian, Croatian, Bosnian. */
export function stemsAsSerbian(language: string): boolean {
  return /^(sr|hr|bs|sh)(-|$)/i.test(language);
}

/**
 * Endings cut from a query word, longest first: the case endings of Slovene, Serbian and Croatian
 * nouns and adjectives, and -je/-ja/-ju/-ji of verbal nouns ("pobratenje", "sodelovanja"), so that
 * the word's stem, as a prefix, meets its other forms ("pobratenje" -> "pobraten", which
 * "pobratenega" and "pobratenih" start with). French and English plurals lose a final -e only
 * ("jumelage" -> "jumelag", meeting "jumelages"). Crude on purpose: a prefix too short matches too
 * much, so a cut that leaves fewer than MIN_STEM letters is not made.
 */
const QUERY_ENDINGS = [...CASE_ENDINGS, "je", "ja", "ju", "ji"].sort((a, b) => b.length - a.length);

const MIN_STEM = 4;
/** Shorter words ("v", "i", "na") are matched whole: as prefixes they would match nearly anything. */
const MIN_PREFIX_WORD = 3;

/** A consonant, a fleeting a or e, a consonant, at the end: Kragujevac/Kragujevca, Celovec/Celovcu. */
const FLEETING_VOWEL = /[^aeiou\P{L}][ae][^aeiou\P{L}]$/u;

function queryStem(word: string): string {
  if (/\p{N}/u.test(word)) return word;
  for (const ending of QUERY_ENDINGS)
    if (word.endsWith(ending))
      return word.length - ending.length >= MIN_STEM ? word.slice(0, -ending.length) : word;
  // the nominative keeps a vowel its other forms drop: the stem stops before it
  if (FLEETING_VOWEL.test(word) && word.length - 2 >= MIN_STEM) return word.slice(0, -2);
  return word;
}

/** The query's words, folded as the index is, each with its stem; empty for a query of no words. */
export function queryWords(query: string): QueryWord[] {
  const words = [
    ...new Set(
      searchableText(query)
        .split(" ")
        .filter((word) => word !== ""),
    ),
  ];
  return words.map(queryWord);
}

function queryWord(word: string): QueryWord {
  return word.length < MIN_PREFIX_WORD
    ? { word, stem: word, prefix: false }
    : { word, stem: queryStem(word), prefix: true };
}

/**
 * The ways a query may be written, each a list of words all required: as typed, and with two
 * neighbouring words written as one, as place names often are ("Banja Luka" finds "Бањалука",
 * "Saint Étienne" finds "Saintétienne" no harm done): one alternative per neighbouring pair.
 */
export function queryAlternatives(words: readonly QueryWord[]): QueryWord[][] {
  const joined = words
    .slice(1)
    .map((second, index) => [
      ...words.slice(0, index),
      queryWord(words[index].word + second.word),
      ...words.slice(index + 2),
    ]);
  return [[...words], ...joined];
}

/** Every word of the alternatives once: what a snippet marks. */
export function alternativeWords(alternatives: readonly (readonly QueryWord[])[]): QueryWord[] {
  const byWord = new Map(alternatives.flat().map((word) => [word.word, word]));
  return [...byWord.values()];
}

/** A string as an FTS5 string literal. Folded words hold only letters and digits; quoted anyway. */
function ftsString(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * The FTS5 MATCH expression: in one of the alternatives, every word must match, as itself or (a
 * prefix term) as any word that starts with its stem; the exact form is a term of its own so that
 * it adds to the rank.
 */
export function ftsMatchExpression(alternatives: readonly (readonly QueryWord[])[]): string {
  const all = alternatives.map((words) =>
    words
      .map(({ word, stem, prefix }) => {
        if (!prefix) return ftsString(word);
        if (stem === word) return `${ftsString(word)}*`;
        return `(${ftsString(word)} OR ${ftsString(stem)}*)`;
      })
      .join(" AND "),
  );
  return all.length === 1 ? all[0] : all.map((expression) => `(${expression})`).join(" OR ");
}

/** A string as a tsquery lexeme literal. */
function tsLexeme(text: string): string {
  return `'${text.replaceAll("\\", "\\\\").replaceAll("'", "''")}'`;
}

/** One word as a tsquery in the `simple` configuration: the same terms as the FTS5 expression. */
export function tsQueryTerm({ word, stem, prefix }: QueryWord): string {
  if (!prefix) return tsLexeme(word);
  if (stem === word) return `${tsLexeme(word)}:*`;
  return `(${tsLexeme(word)} | ${tsLexeme(stem)}:*)`;
}

/** Whether a folded word of the text is one the query asked for. */
function matches(folded: string, words: readonly QueryWord[]): QueryWord | undefined {
  return words.find(({ word, stem, prefix }) => folded === word || (prefix && folded.startsWith(stem)));
}

interface Match {
  start: number;
  end: number;
  word: QueryWord;
}

/** The words of `text` the query matches, with their offsets in the original text. */
function findMatches(text: string, words: readonly QueryWord[]): Match[] {
  const found: Match[] = [];
  for (const run of text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    // a run folds to one word, or several when a character folds to punctuation ("½" -> "1⁄2")
    const word = searchableText(run[0])
      .split(" ")
      .map((folded) => matches(folded, words))
      .find((matched) => matched !== undefined);
    if (word) found.push({ start: run.index, end: run.index + run[0].length, word });
  }
  return found;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

/** Text as a snippet shows it: escaped, line breaks and runs of spaces as one space. */
function shown(text: string): string {
  return escapeHtml(text.replace(/\s+/g, " "));
}

/** About how long a snippet is, in characters of the original text. */
export const SNIPPET_LENGTH = 160;
/** How much text comes before the first match a snippet shows. */
const LEAD_IN = 40;

/** About SNIPPET_LENGTH characters of `text` from `from`, widened to whole words. */
function windowFrom(text: string, from: number): { start: number; end: number } {
  let start = Math.max(0, from);
  if (start > 0) {
    const space = text.lastIndexOf(" ", start);
    start = space >= 0 && start - space < 20 ? space + 1 : start;
  }
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) {
    const space = text.indexOf(" ", end);
    end = space >= 0 && space - end < 20 ? space : end;
  }
  return { start, end };
}

/**
 * The passage of `text` with the most distinct query words in about SNIPPET_LENGTH characters,
 * the matched words in <mark>, the rest HTML-escaped, "…" where it was cut.
 */
function passage(text: string, found: readonly Match[]): string {
  let best = { start: 0, count: 0 };
  for (const [index, match] of found.entries()) {
    const limit = match.start + SNIPPET_LENGTH - LEAD_IN;
    const distinct = new Set(
      found
        .slice(index)
        .filter((m) => m.end <= limit)
        .map((m) => m.word.word),
    );
    if (distinct.size > best.count) best = { start: match.start, count: distinct.size };
  }
  const { start, end } = windowFrom(text, best.start - LEAD_IN);
  let html = start > 0 ? "…" : "";
  let at = start;
  for (const match of found) {
    if (match.start < start || match.end > end) continue;
    html += `${shown(text.slice(at, match.start))}<mark>${shown(text.slice(match.start, match.end))}</mark>`;
    at = match.end;
  }
  html += shown(text.slice(at, end));
  return end < text.length ? `${html}…` : html;
}

/**
 * A hit's snippet from its original text: from the body where the query's words are, else from the
 * title (an item found by its title alone); the part with more distinct matched words wins, the body
 * on a tie. A match PostgreSQL's stemmer made and these prefixes do not gives the body's opening.
 */
export function snippet(document: SearchDocument, words: readonly QueryWord[]): string {
  const distinct = (found: readonly Match[]) => new Set(found.map((match) => match.word.word)).size;
  const inBody = findMatches(document.body, words);
  const inTitle = findMatches(document.title, words);
  if (document.body === "" || distinct(inTitle) > distinct(inBody)) return passage(document.title, inTitle);
  return passage(document.body, inBody);
}
