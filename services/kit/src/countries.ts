// Country codes and names from the maintained i18n-iso-countries and world-countries tables, never
// from a hand-written list. The tables are read, and their names indexed, on first use: a subgraph
// process starts without them (a tenth of a second or more of its start), and loads them when a
// request first needs a country.
import type { Country } from "world-countries";
import { nameKey } from "./names";

type IsoCountries = typeof import("i18n-iso-countries");

let isoCountries: IsoCountries | undefined;

/** i18n-iso-countries with its English names. */
function countries(): IsoCountries {
  if (!isoCountries) {
    isoCountries = require("i18n-iso-countries") as IsoCountries;
    isoCountries.registerLocale(require("i18n-iso-countries/langs/en.json"));
  }
  return isoCountries;
}

export function isCountryCode(code: string): boolean {
  return countries().isValid(code.toUpperCase()) && /^[A-Za-z]{2}$/.test(code);
}

/** The common short name where the tables have a usable one ("Russia", "Czechia"), else the official one. */
export function countryName(code: string): string {
  const alias = countries().getName(code, "en", { select: "alias" });
  if (alias && alias.length > 3 && !alias.includes(",")) return alias;
  return countries().getName(code, "en") ?? code;
}

let codeByNameIndex: ReadonlyMap<string, string> | undefined;

function codeByName(): ReadonlyMap<string, string> {
  codeByNameIndex ??= indexCountryNames();
  return codeByNameIndex;
}

/**
 * Every name the maintained tables know for a country, free of case and diacritics: English common
 * and official names, alternative spellings and translations (world-countries), and
 * i18n-iso-countries' English names.
 */
function indexCountryNames(): ReadonlyMap<string, string> {
  const worldCountries = require("world-countries") as Country[];
  const index = new Map<string, string>();
  const add = (name: string | undefined, code: string) => {
    const key = name ? nameKey(name) : "";
    if (key !== "" && !index.has(key)) index.set(key, code);
  };
  for (const country of worldCountries) add(country.name.common, country.cca2);
  for (const country of worldCountries) add(country.name.official, country.cca2);
  for (const [code, names] of Object.entries(countries().getNames("en", { select: "all" }))) {
    for (const name of names) add(name, code);
  }
  for (const country of worldCountries)
    for (const spelling of country.altSpellings) add(spelling, country.cca2);
  for (const country of worldCountries) {
    for (const translation of Object.values(country.translations)) {
      add(translation.common, country.cca2);
      add(translation.official, country.cca2);
    }
  }
  return index;
}

/**
 * The constituent countries of the United Kingdom are countries in common usage but have no
 * ISO 3166-1 code of their own (they are ISO 3166-2 subdivisions of GB), so no country table lists them.
 */
const UK_CONSTITUENT_COUNTRIES = new Set(["england", "scotland", "wales", "northern ireland"]);

/**
 * A country name as data sets write it to alpha-2: "Slovenia", "Georgia (country)",
 * "England, United Kingdom", "Réunion, France". Undefined when no table knows it.
 */
export function countryCodeFromName(name: string): string | undefined {
  // "[^()]" stops each try at the next parenthesis, so the search is linear in the name's length
  const candidates = [name, name.replace(/\([^()]*\)/g, " "), ...name.split(",")];
  for (const candidate of candidates) {
    const key = nameKey(candidate);
    if (UK_CONSTITUENT_COUNTRIES.has(key)) return "GB";
    const code = codeByName().get(key);
    if (code) return code;
  }
  return undefined;
}
