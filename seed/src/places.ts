// Turning a place as a file or document names it into a city of the graph: an existing city with the
// same Wikidata item, or the same name key or GeoNames id in the same country, or a new one enriched
// from the gazetteer.
import { type CityInput, cityNameKeys } from "@twingraph/cities";
import {
  GAZETTEER_CREDIT,
  type Gazetteer,
  type GazetteerMatch,
  type GazetteerPlace,
  loadGazetteer,
} from "@twingraph/gazetteer";
import { cityId, countryCodeFromName, isCountryCode, nameKey, type SourceRecord } from "@twingraph/kit/text";
import type { EntityManager } from "typeorm";

/** A row that cannot be used: rejected with its reason, the rest of the file goes on. */
export class RowError extends Error {}

export const GAZETTEER_SOURCE: SourceRecord = {
  document: GAZETTEER_CREDIT.document,
  url: GAZETTEER_CREDIT.url,
  quote: `Coordinates, population and alternate names from GeoNames (${GAZETTEER_CREDIT.licence}).`,
};

export interface Coordinates {
  latitude: number;
  longitude: number;
}

export interface AmbiguousPlace {
  name: string;
  countryCode: string;
  /** "name (GeoNames id, population)" of each namesake */
  candidates: string[];
}

export interface GazetteerReport {
  matched: number;
  ambiguous: AmbiguousPlace[];
  unmatched: { name: string; countryCode: string }[];
}

export function emptyGazetteerReport(): GazetteerReport {
  return { matched: 0, ambiguous: [], unmatched: [] };
}

/** What a file may say about a place besides its name and country. */
export interface PlaceHints {
  /** coordinates given with the name: they settle namesakes in the gazetteer */
  near?: Coordinates | null;
  /** the Wikidata item, "Q437": the same item is the same city whatever it is called */
  wikidataId?: string | null;
}

export interface Place {
  id: string;
  existing: boolean;
  input: CityInput;
}

/** An ISO code or an English country name as an ISO code; a row error otherwise. */
export function countryCodeOf(country: string): string {
  const trimmed = country.trim();
  if (trimmed === "") throw new RowError("a country is empty");
  if (isCountryCode(trimmed)) return trimmed.toUpperCase();
  const code = countryCodeFromName(trimmed);
  if (!code) throw new RowError(`unknown country "${trimmed}"`);
  return code;
}

/**
 * The name trimmed, or a row error when it names nothing. Imports check every name of a row before
 * resolving any, so that a rejected row leaves no city behind.
 */
export function placeName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === "") throw new RowError("a city name is empty");
  if (nameKey(trimmed) === "") throw new RowError(`the city name "${trimmed}" has no letters or digits`);
  return trimmed;
}

export class PlaceResolver {
  private readonly places = new Map<string, Place>();
  readonly report = emptyGazetteerReport();

  private constructor(
    private readonly byKey: Map<string, string>,
    private readonly byGeonameId: Map<number, string>,
    private readonly byWikidataId: Map<string, string>,
    /** city id -> its Wikidata item, for the cities that have one */
    private readonly wikidataIdOf: Map<string, string>,
    private readonly existingIds: ReadonlySet<string>,
    private readonly gazetteer: Gazetteer,
  ) {}

  static async open(manager: EntityManager, gazetteer = loadGazetteer()): Promise<PlaceResolver> {
    const byKey = new Map<string, string>();
    const byGeonameId = new Map<number, string>();
    const byWikidataId = new Map<string, string>();
    const wikidataIdOf = new Map<string, string>();
    for (const name of await cityNameKeys(manager)) {
      byKey.set(`${name.countryCode}|${name.key}`, name.cityId);
      if (name.geonameId !== null) byGeonameId.set(name.geonameId, name.cityId);
      if (name.wikidataId !== null) {
        byWikidataId.set(name.wikidataId, name.cityId);
        wikidataIdOf.set(name.cityId, name.wikidataId);
      }
    }
    const existingIds = new Set(byKey.values());
    return new PlaceResolver(byKey, byGeonameId, byWikidataId, wikidataIdOf, existingIds, gazetteer);
  }

  /** The city a name denotes in a country; the same name resolves to the same place for the whole run. */
  resolve(name: string, countryCode: string, source: SourceRecord, hints: PlaceHints = {}): Place {
    const trimmed = placeName(name);
    const key = nameKey(trimmed);
    const wikidataId = hints.wikidataId ?? undefined;
    const byItem = wikidataId && this.byWikidataId.get(wikidataId);
    if (byItem) return this.place(byItem, trimmed, countryCode, source, hints, undefined);
    const known = this.byKey.get(`${countryCode}|${key}`);
    if (known && !this.isAnotherItem(known, wikidataId))
      return this.place(known, trimmed, countryCode, source, hints, undefined);
    const match = this.gazetteer.match(trimmed, countryCode, hints.near ?? undefined);
    recordMatch(this.report, match, trimmed, countryCode);
    const gazetteerPlace = match.kind === "matched" ? match.place : undefined;
    const byGeonameId = gazetteerPlace && this.byGeonameId.get(gazetteerPlace.geonameId);
    const id =
      byGeonameId && !this.isAnotherItem(byGeonameId, wikidataId)
        ? byGeonameId
        : this.newId(countryCode, trimmed, wikidataId);
    if (!this.byKey.has(`${countryCode}|${key}`)) this.byKey.set(`${countryCode}|${key}`, id);
    if (gazetteerPlace && !this.byGeonameId.has(gazetteerPlace.geonameId))
      this.byGeonameId.set(gazetteerPlace.geonameId, id);
    return this.place(id, trimmed, countryCode, source, hints, gazetteerPlace);
  }

  /** A city that already stands for a different Wikidata item is a namesake, not this place. */
  private isAnotherItem(cityId: string, wikidataId: string | undefined): boolean {
    const itsItem = this.wikidataIdOf.get(cityId);
    return wikidataId !== undefined && itsItem !== undefined && itsItem !== wikidataId;
  }

  /** "<country>-<name>"; a namesake known to be another Wikidata item gets the item as a suffix. */
  private newId(countryCode: string, name: string, wikidataId: string | undefined): string {
    const id = cityId(countryCode, name);
    const taken = this.existingIds.has(id) || this.places.has(id);
    return taken && this.isAnotherItem(id, wikidataId) ? `${id}-${wikidataId!.toLowerCase()}` : id;
  }

  /** Every place resolved so far, as upserts: new cities whole, existing ones with what they gain. */
  inputs(): CityInput[] {
    return [...this.places.values()].map((place) => place.input);
  }

  get created(): number {
    return [...this.places.values()].filter((place) => !place.existing).length;
  }

  get matched(): number {
    return this.places.size - this.created;
  }

  private place(
    id: string,
    name: string,
    countryCode: string,
    source: SourceRecord,
    { near, wikidataId }: PlaceHints,
    gazetteerPlace: GazetteerPlace | undefined,
  ): Place {
    if (wikidataId) this.noteItem(id, wikidataId);
    const known = this.places.get(id);
    if (known) {
      if (!known.input.sources.some((existing) => existing.document === source.document))
        known.input.sources.push(source);
      if (name !== known.input.name && !known.input.aliases.some((alias) => alias.name === name))
        known.input.aliases.push({ name });
      known.input.wikidataId ??= this.wikidataIdOf.get(id) ?? null;
      return known;
    }
    const place: Place = {
      id,
      existing: this.existingIds.has(id),
      input: {
        id,
        name,
        countryCode,
        aliases: [],
        ...(gazetteerPlace ? enrichment(gazetteerPlace) : {}),
        // coordinates given with the name locate this very place; the gazetteer's are the fallback
        latitude: near?.latitude ?? gazetteerPlace?.latitude ?? null,
        longitude: near?.longitude ?? gazetteerPlace?.longitude ?? null,
        wikidataId: this.wikidataIdOf.get(id) ?? null,
        sources: gazetteerPlace ? [source, GAZETTEER_SOURCE] : [source],
      },
    };
    this.places.set(id, place);
    return place;
  }

  /** The first item a city is found as stays its item; a second one (a municipality and its town) also leads to it. */
  private noteItem(id: string, wikidataId: string): void {
    if (!this.wikidataIdOf.has(id)) this.wikidataIdOf.set(id, wikidataId);
    if (!this.byWikidataId.has(wikidataId)) this.byWikidataId.set(wikidataId, id);
  }
}

/** Counts a match, or lists the place as ambiguous (with its namesakes) or not found. */
export function recordMatch(
  report: GazetteerReport,
  match: GazetteerMatch,
  name: string,
  countryCode: string,
): void {
  if (match.kind === "matched") report.matched += 1;
  else if (match.kind === "ambiguous")
    report.ambiguous.push({ name, countryCode, candidates: match.candidates.map(describeCandidate) });
  else report.unmatched.push({ name, countryCode });
}

function describeCandidate(place: GazetteerPlace): string {
  return `${place.name} (GeoNames ${place.geonameId}, population ${place.population})`;
}

/** Only codes like "MOW" and scripts our readers do not write are left out of the aliases. */
const USEFUL_ALIAS = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{M}\d\s'’.,()-]+$/u;
const AIRPORT_CODE = /^[A-Z]{3,4}$/;
/** GeoNames writes machine romanisations of Asian-script names in lower case ("kurani" for クラーニ) */
const ROMANISATION = /^[a-z' -]+$/;

/** What the gazetteer adds to a city: its id, population, coordinates and other names. */
export function enrichment(
  place: GazetteerPlace,
): Pick<CityInput, "geonameId" | "population" | "gazetteerNames"> & Coordinates {
  const names = new Set([place.name, place.asciiName, ...place.alternateNames]);
  return {
    geonameId: place.geonameId,
    population: place.population > 0 ? place.population : null,
    latitude: place.latitude,
    longitude: place.longitude,
    gazetteerNames: [...names].filter(
      (name) =>
        name !== "" && USEFUL_ALIAS.test(name) && !AIRPORT_CODE.test(name) && !ROMANISATION.test(name),
    ),
  };
}
