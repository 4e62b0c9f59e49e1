// The gazetteer's index over every country: places by the nameKey of any of their names, and by
// nameStem too, so an inflected form in a text ("Banjaluke", "Kragujevcu") finds its place before
// its country is known.
import { keyStem, nameKey } from "@twingraph/kit/text";

export interface NamedPlace {
  geonameId: number;
  name: string;
  asciiName: string;
  alternateNames: string[];
}

/** Names written only in Latin or Cyrillic letters (with marks, digits and punctuation). */
const INDEXED_NAME = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{M}\p{N}\p{P}\p{Zs}\p{Sk}ʼ]+$/u;
/** Airport and other codes among the alternate names ("BEG", "QVL"): not names a text would use. */
const CODE_NAME = /^[A-Z0-9]{2,4}$/;
/** GeoNames' lower-case alternate names are romanisations of other scripts ("bei er ge lai de"). */
const LOWER_CASE_FIRST = /^\p{Ll}/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * nameKey, the quick way for the names most of the gazetteer's are, plain ASCII: their nameKey is only
 * lower case with punctuation collapsed (the same key, a test compares them). Indexing every name
 * within seconds depends on it.
 */
export function quickNameKey(name: string): string {
  return PRINTABLE_ASCII.test(name) ? asciiNameKey(name) : nameKey(name);
}

function asciiNameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** nameKey of a name the index holds, "" for names it skips (other scripts, codes, romanisations). */
export function indexKey(name: string): string {
  if (CODE_NAME.test(name) || LOWER_CASE_FIRST.test(name)) return "";
  if (PRINTABLE_ASCII.test(name)) return asciiNameKey(name);
  return INDEXED_NAME.test(name) ? nameKey(name) : "";
}

/** A leading French article before a compound name, which running text drops ("maire de Ferté-Imbault"). */
const ARTICLE_COMPOUND = /^(?:la|le|les) (\S+ \S.*)$/;

/**
 * The key of a compound name without its leading article ("la ferte imbault" -> "ferte imbault"),
 * "" otherwise: one-word remainders ("Le Havre" -> "havre") are too often plain words.
 */
export function withoutArticle(key: string): string {
  return ARTICLE_COMPOUND.exec(key)?.[1] ?? "";
}

/**
 * Keys are indexed as they are; stems are not computed for all ~520k keys up front (that alone
 * takes seconds) but found on demand: each word of a stem is its key word less at most the last
 * letter (the stemmer only cuts endings, drops a fleeting vowel before the last consonant and
 * softens the last letter), so only keys starting with the stem's first word less its last letter
 * may stem to it, and only those are stemmed (once each). Keys are grouped by their first two
 * letters to find them.
 */
export class NameKeyIndex<P extends NamedPlace> {
  private readonly byExactKey = new Map<string, P[]>();
  private readonly keysByStart = new Map<string, string[]>();
  private readonly stems = new Map<string, string>();
  private readonly byStem = new Map<string, P[]>();

  constructor(places: Iterable<P> = []) {
    for (const place of places) this.add(place);
  }

  /** Indexes a place under the keys of all its names (and their forms without a leading article). */
  add(place: P): void {
    const keys = new Set<string>();
    for (const name of new Set([place.name, place.asciiName, ...place.alternateNames])) {
      const key = indexKey(name);
      keys.add(key);
      keys.add(withoutArticle(key));
    }
    keys.delete("");
    for (const key of keys) {
      const bucket = this.byExactKey.get(key);
      if (bucket) {
        bucket.push(place);
        continue;
      }
      this.byExactKey.set(key, [place]);
      const start = key.slice(0, 2);
      const sameStart = this.keysByStart.get(start);
      if (sameStart) sameStart.push(key);
      else this.keysByStart.set(start, [key]);
    }
  }

  get size(): number {
    return this.byExactKey.size;
  }

  /** The places with a name whose nameKey or nameStem is `key`, each once. */
  lookup(key: string): P[] {
    const exact = this.byExactKey.get(key) ?? [];
    const stemmed = this.stemmed(key);
    if (stemmed.length === 0) return exact;
    const places = new Map<number, P>();
    for (const place of [...exact, ...stemmed]) places.set(place.geonameId, place);
    return [...places.values()];
  }

  private stemmed(stem: string): P[] {
    const known = this.byStem.get(stem);
    if (known) return known;
    const stemWords = stem.split(" ");
    const prefixes = stemWords.map((word) => word.slice(0, -1));
    const places: P[] = [];
    for (const key of this.keysStartingWith(prefixes[0])) {
      const words = key.split(" ");
      if (words.length !== stemWords.length) continue;
      if (!words.every((word, n) => word.startsWith(prefixes[n]))) continue;
      if (this.stemOf(key) === stem) places.push(...(this.byExactKey.get(key) ?? []));
    }
    this.byStem.set(stem, places);
    return places;
  }

  /** Keys starting with a prefix of at least one letter (a stem's words have at least two). */
  private *keysStartingWith(prefix: string): Generator<string> {
    if (prefix === "") return;
    const groups =
      prefix.length >= 2
        ? [this.keysByStart.get(prefix.slice(0, 2)) ?? []]
        : [...this.keysByStart].filter(([start]) => start.startsWith(prefix)).map(([, keys]) => keys);
    for (const keys of groups) for (const key of keys) if (key.startsWith(prefix)) yield key;
  }

  private stemOf(key: string): string {
    let stem = this.stems.get(key);
    if (stem === undefined) {
      stem = keyStem(key);
      this.stems.set(key, stem);
    }
    return stem;
  }
}
