// Country names in news texts: Slovene, Serbian (both scripts), Croatian, Bosnian, Macedonian,
// French, German and English, in any case form ("u Srbiji", "v Avstriji", "Bosne i Hercegovine",
// "Србије", "en France", "in Österreich"), to ISO 3166-1 alpha-2. Names come from the maintained
// tables (i18n-iso-countries' translations, world-countries' names and translations); forms they
// lack are listed below. Inflected forms meet the tables' nominatives through the kit's nameStem.
import { nameKey, nameStem } from "@twingraph/kit/text";
import type { LocaleData } from "i18n-iso-countries";
import type { Country } from "world-countries";
import type { CountryMention } from "./types";

/** The languages whose country names the tables give: read with the tables, on the first text read. */
const LOCALES = ["sl", "sr", "hr", "bs", "mk", "fr", "de", "en"];

/** Names the tables lack: the short forms news use (Serbian Cyrillic transliterates on its own). */
const LOCAL_NAMES: Readonly<Record<string, readonly string[]>> = {
  MK: ["Makedonija", "Македонија", "Macedonia", "Makedonien", "Macédoine"],
  BA: ["Bosna", "Bosnia", "Bosnien"],
  CZ: ["Češka", "Češka republika", "Czech Republic"],
  NL: ["Holandija", "Holandska", "Holland"],
  US: ["Amerika", "America", "Amerique", "Sjedinjene Države"],
  RU: ["Rusija", "Русија"],
  // the United Kingdom's constituent countries have no ISO code of their own
  GB: [
    "Velika Britanija",
    "Britanija",
    "Great Britain",
    "Britain",
    "Grande-Bretagne",
    "Großbritannien",
    "England",
    "Scotland",
    "Wales",
    "Engleska",
    "Škotska",
    "Anglija",
    "Angleterre",
    "Écosse",
    "Schottland",
  ],
};

/** Abbreviations, matched with their case as written ("SAD" is the USA, "sad" is "now"). */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  BiH: "BA",
  SAD: "US",
  САД: "US",
  ZDA: "US",
  USA: "US",
  UK: "GB",
  SRJ: "RS",
};

/**
 * Country names that are also common words or first names of these languages: "Mali" is "small"
 * (Mali Lošinj, Mali Zvornik), Jordan and Chad are first names. They count only when no
 * capitalised word follows them.
 */
const SHARED_WORDS = new Set(["mali", "jordan", "chad", "georgia", "kina", "peru"]);

/**
 * nameKey reads đ as d, which makes the town Inđija the country Indija (India): country names
 * compare with đ as dj (no country name has a đ that its other spellings write as d).
 */
function withDj(name: string): string {
  return name.replace(/[đђ]/g, "dj").replace(/[ĐЂ]/g, "Dj");
}

function countryKey(name: string): string {
  return nameKey(withDj(name));
}

function countryStem(name: string): string {
  return nameStem(withDj(name));
}

interface CountryTable {
  /** word count -> nameKey of the name -> code */
  byKey: Map<string, string>;
  byStem: Map<string, string>;
  longest: number;
}

let builtTable: CountryTable | undefined;

/** Builds the country-name table now (a server's warm-up), so that the first text read does not wait for it. */
export function loadCountryNames(): void {
  table();
}

/** Built on the first text read, not when the package loads: a server starts without it (a few tenths of a second). */
function table(): CountryTable {
  builtTable ??= buildTable();
  return builtTable;
}

function buildTable(): CountryTable {
  const byKey = new Map<string, string>();
  const stemCodes = new Map<string, Set<string>>();
  let longest = 1;
  const add = (name: string | undefined, code: string) => {
    // two-letter codes and other abbreviations among alternative spellings would match words
    if (!name || name.length <= 3 || name === name.toUpperCase()) return;
    const key = countryKey(name);
    if (key === "") return;
    if (!byKey.has(key)) byKey.set(key, code);
    const stem = countryStem(name);
    const codes = stemCodes.get(stem) ?? new Set<string>();
    codes.add(code);
    stemCodes.set(stem, codes);
    longest = Math.max(longest, key.split(" ").length);
  };
  const countries = require("i18n-iso-countries") as typeof import("i18n-iso-countries");
  for (const locale of LOCALES) {
    countries.registerLocale(require(`i18n-iso-countries/langs/${locale}.json`) as LocaleData);
    for (const [code, names] of Object.entries(countries.getNames(locale, { select: "all" }))) {
      for (const name of names) add(name, code);
    }
  }
  for (const country of require("world-countries") as Country[]) {
    add(country.name.common, country.cca2);
    add(country.name.official, country.cca2);
    for (const native of Object.values(country.name.native ?? {})) {
      add(native.common, country.cca2);
      add(native.official, country.cca2);
    }
    for (const spelling of country.altSpellings) add(spelling, country.cca2);
    for (const translation of Object.values(country.translations)) {
      add(translation.common, country.cca2);
      add(translation.official, country.cca2);
    }
  }
  for (const [code, names] of Object.entries(LOCAL_NAMES)) for (const name of names) add(name, code);
  // a stem two countries share ("gvinej" for Guinea and Guinea-Bissau's parts) decides nothing
  const byStem = new Map<string, string>();
  for (const [stem, codes] of stemCodes) if (codes.size === 1) byStem.set(stem, [...codes][0]);
  return { byKey, byStem, longest };
}

interface Word {
  start: number;
  end: number;
  text: string;
}

/** Letter runs (with marks), hyphens and apostrophes splitting words as nameKey does. */
function wordsOf(text: string): Word[] {
  return [...text.matchAll(/[\p{L}\p{M}]+/gu)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    text: match[0],
  }));
}

const UPPER_FIRST = /^\p{Lu}/u;
/** What may stand between the words of one country name. */
const NAME_GAP = /^[ \t\u00a0-]+$|^ ?[-–] ?$/;

/** Countries named in a text, in text order, without overlaps (the longest name wins). */
export function findCountries(text: string): CountryMention[] {
  const words = wordsOf(text);
  const keys = words.map((word) => countryKey(word.text));
  const stems = words.map((word) => countryStem(word.text));
  const mentions: CountryMention[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!UPPER_FIRST.test(words[i].text)) continue;
    const found = countryAt(text, words, keys, stems, i);
    if (!found) continue;
    const start = words[i].start;
    const end = words[found.last].end;
    mentions.push({ start, end, text: text.slice(start, end), countryCode: found.code });
    i = found.last;
  }
  return mentions;
}

function countryAt(
  text: string,
  words: Word[],
  keys: string[],
  stems: string[],
  first: number,
): { code: string; last: number } | undefined {
  const abbreviation = ABBREVIATIONS[words[first].text];
  if (abbreviation) return { code: abbreviation, last: first };
  const { byKey, byStem, longest } = table();
  for (let count = Math.min(longest, words.length - first); count >= 1; count--) {
    const last = first + count - 1;
    if (!gapsAreSpaces(text, words, first, last)) continue;
    const key = keys.slice(first, last + 1).join(" ");
    const code =
      byKey.get(key) ?? byStem.get(stems.slice(first, last + 1).join(" ")) ?? germanGenitive(key, count);
    if (!code) continue;
    if (SHARED_WORDS.has(key) && nextIsCapitalised(text, words, last)) continue;
    return { code, last };
  }
  return undefined;
}

/** "Österreichs", "Deutschlands": German genitives add an -s the stemmer does not know. */
function germanGenitive(key: string, count: number): string | undefined {
  if (count !== 1 || !key.endsWith("s") || key.length < 6) return undefined;
  return table().byKey.get(key.slice(0, -1));
}

function gapsAreSpaces(text: string, words: Word[], first: number, last: number): boolean {
  for (let i = first; i < last; i++) {
    if (!NAME_GAP.test(text.slice(words[i].end, words[i + 1].start))) return false;
  }
  return true;
}

function nextIsCapitalised(text: string, words: Word[], last: number): boolean {
  const next = words[last + 1];
  return (
    next !== undefined && /^\s+$/.test(text.slice(words[last].end, next.start)) && UPPER_FIRST.test(next.text)
  );
}
