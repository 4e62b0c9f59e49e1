// Name search over primary names, local names and aliases, free of case, diacritics and script, and
// of the case endings of Slovene and Serbian (see nameKey and nameStem in the kit). Best match
// first: the whole name, then an inflected form of it, then the start of a name, and only when none
// of these finds anything, a word inside a name. Every step but the last reads an index.
import { RecordRank } from "@twingraph/kit/subgraph";
import { nameKey, nameStem } from "@twingraph/kit/text";
import type { DataSource, SelectQueryBuilder } from "typeorm";
import { CityName } from "../entities/city-name.entity";

export interface NameMatch {
  cityId: string;
  /** 0..1: the kind of match and how much of the matched name the query covers */
  score: number;
  /** the name or alias that matched, as written */
  matchedName: string;
}

interface Candidate {
  cityId: string;
  name: string;
  key: string;
  stem: string;
  kind: string;
  population: number | null;
}

/**
 * Kinds of match, best first, each a score band [floor, floor + span] placed by how much of the
 * matched name the query covers; the bands do not overlap, so a better kind of match wins whatever
 * the coverage (a prefix covers less than the whole name, so it stays below floor + span).
 */
const EXACT = { floor: 1, span: 0 };
const STEM = { floor: 0.75, span: 0.2 };
const PREFIX = { floor: 0.4, span: 0.25 };
const WORD = { floor: 0.1, span: 0.25 };

/**
 * How far a kind of name is trusted, as a factor on the score: a city's own names, then the aliases
 * the sources give, then the gazetteer's alternate names — dozens a city, romanisations among them,
 * so that "Nišu", the locative of Niš, finds Niš (0.95) before Nice (0.9), one of whose GeoNames
 * names is "nisu". Small enough not to mix the bands: 0.9 x 0.75 is still above 0.65.
 */
function trust(kind: string): number {
  if (kind === "name" || kind === "local") return 1;
  if (kind === "alias") return 0.97;
  return 0.9;
}

/**
 * The longest name a search takes: room for the longest place names in use (Bangkok's ceremonial
 * name is 181 characters in Latin letters). A character's key is at most 33 bytes (ﷺ decomposes
 * into 18 Arabic letters), so the word search's LIKE pattern stays under 7 KB, far below the
 * 50,000 bytes SQLite refuses as "too complex".
 */
export const MAX_SEARCH_NAME = 200;

/** Enough rows to rank a one-letter prefix sensibly without reading the whole table. */
const CANDIDATE_LIMIT = 500;

export interface SearchOptions {
  countryCode?: string;
  first: number;
  /** deprecated cities are left out unless asked for */
  includeDeprecated: boolean;
}

export async function searchCityIds(
  db: DataSource,
  name: string,
  { countryCode, first, includeDeprecated }: SearchOptions,
): Promise<NameMatch[]> {
  const key = nameKey(name);
  const stem = nameStem(name);
  if (key === "" || first === 0) return [];
  const candidates = (where: string, parameters: Record<string, string>) => {
    const query = db
      .getRepository(CityName)
      .createQueryBuilder("n")
      .innerJoin("n.city", "c")
      .select([
        'n.cityId AS "cityId"',
        'n.name AS "name"',
        'n.key AS "key"',
        'n.stem AS "stem"',
        'n.kind AS "kind"',
        'c.population AS "population"',
      ])
      .where(where, parameters);
    if (countryCode) query.andWhere("c.countryCode = :countryCode", { countryCode });
    if (!includeDeprecated) query.andWhere("c.rank <> :deprecated", { deprecated: RecordRank.DEPRECATED });
    return query;
  };
  const run = (query: SelectQueryBuilder<CityName>): Promise<Candidate[]> =>
    query.limit(CANDIDATE_LIMIT).getRawMany();

  const rows = [
    // shortest first, should a common stem have more rows than the limit: nominatives are short
    ...(await run(candidates("(n.key = :key OR n.stem = :stem)", { key, stem }).orderBy("length(n.key)"))),
    // a range on the key index, not LIKE 'q%' (which SQLite and PostgreSQL use an index for only
    // under particular collations); it assumes code-point order, as SQLite's and C collations have
    ...(await run(
      candidates("n.key >= :key AND n.key < :end", { key, end: `${key}\uffff` }).orderBy("length(n.key)"),
    )),
  ];
  // keys and stems hold only letters, digits and single spaces: the query's % and _ became spaces,
  // so they need no LIKE escaping, and a query of nothing else ("%%%%") stopped above, unread
  if (rows.length === 0) {
    rows.push(
      ...(await run(
        candidates("((' ' || n.key) LIKE :word OR (' ' || n.stem || ' ') LIKE :stemWord)", {
          word: `% ${key}%`,
          stemWord: `% ${stem} %`,
        }).orderBy("length(n.key)"),
      )),
    );
  }
  return rank(rows, name, key, stem).slice(0, first);
}

/**
 * The best match per city, best first; equal scores go to the more populous city. Of a city's names
 * that score alike, the one written as the query is reported: "Крагујевац" matched Крагујевац, not
 * Kragujevac.
 */
function rank(rows: readonly Candidate[], query: string, key: string, stem: string): NameMatch[] {
  const asTyped = query.trim().toLowerCase();
  const best = new Map<string, NameMatch & { population: number }>();
  for (const row of rows) {
    const score = matchScore(row, key, stem);
    const previous = best.get(row.cityId)?.score ?? 0;
    if (score === 0 || score < previous || (score === previous && row.name.toLowerCase() !== asTyped))
      continue;
    best.set(row.cityId, {
      cityId: row.cityId,
      score,
      matchedName: row.name,
      population: Number(row.population ?? 0),
    });
  }
  return [...best.values()]
    .sort((a, b) => b.score - a.score || b.population - a.population || a.cityId.localeCompare(b.cityId))
    .map(({ cityId, score, matchedName }) => ({ cityId, score, matchedName }));
}

function matchScore(row: Candidate, key: string, stem: string): number {
  const band = (kind: { floor: number; span: number }, coverage: number) =>
    Math.round(trust(row.kind) * (kind.floor + kind.span * coverage) * 1000) / 1000;
  if (row.key === key) return band(EXACT, 1);
  // how much of the name the shared stem is: Kranju finds Kranj (5 of 5) before Kranja (5 of 6)
  if (row.stem === stem) return band(STEM, stem.length / row.key.length);
  if (row.key.startsWith(key)) return band(PREFIX, key.length / row.key.length);
  if (` ${row.key}`.includes(` ${key}`)) return band(WORD, key.length / row.key.length);
  if (` ${row.stem} `.includes(` ${stem} `)) return band(WORD, stem.length / row.key.length);
  return 0;
}
