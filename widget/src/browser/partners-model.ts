// The answer of TwinPartnerships as the widget reads it, and the view of it the widget shows: one
// entry per partner place, with every partnership the city has with it.

export type PartnershipKind = "TWINNING" | "FRIENDSHIP" | "COOPERATION" | "DECENTRALISED_COOPERATION";
export type PartnershipStatus = "ACTIVE" | "DORMANT" | "REVIVED" | "ENDED" | "UNKNOWN";

export interface PlaceData {
  id: string;
  name: string;
  displayName: string;
  latitude: number | null;
  longitude: number | null;
  country: { code: string; name: string };
}

export interface VisitData {
  id: string;
  date: string;
  host: { id: string; displayName: string };
  purpose: string | null;
}

export interface ProjectData {
  id: string;
  acronym: string | null;
  title: string;
  start: string | null;
  end: string | null;
  programme: { name: string } | null;
}

export interface SourceData {
  document: string;
  url: string | null;
}

export interface PartnershipData {
  id: string;
  name: string | null;
  kind: PartnershipKind;
  status: PartnershipStatus;
  since: string | null;
  until: string | null;
  cities: PlaceData[];
  /** null when the news subgraph could not be asked (docs/api-policy.md): shown as unavailable */
  visits: VisitData[] | null;
  /** null when the projects subgraph could not be asked: shown as unavailable */
  projects: ProjectData[] | null;
  sources: SourceData[];
}

export interface CityData extends PlaceData {
  /** null when the agreements subgraph could not be asked: never shown, see showableDespiteErrors */
  partnerships: PartnershipData[] | null;
}

export interface TwinPartnershipsData {
  city: CityData | null;
}

export interface Partner {
  place: PlaceData;
  /** the city's partnerships that include this place, the earliest known start first */
  partnerships: PartnershipData[];
  /** every document these partnerships cite, each once */
  sources: SourceData[];
}

/** An error of the graph's answer, with the path of the field it nulled where it names one. */
export interface AnswerError {
  message: string;
  path?: readonly (string | number)[];
}

/** A partnership's lists its details mark unavailable when they come null. */
const LISTS_SHOWN_UNAVAILABLE: ReadonlySet<string | number | undefined> = new Set(["visits", "projects"]);

/**
 * Whether an answer that came with errors is still worth showing: the city and its partnerships
 * are there, and each error either nulled a partnership's visits or projects, which its details
 * mark unavailable, or names no path (a subgraph the gateway could not reach: it nulls that
 * subgraph's fields as a whole, and a null city or partnership list is refused here). Anything else
 * could show a partial list of partners as if it were complete.
 */
export function showableDespiteErrors(data: TwinPartnershipsData, errors: readonly AnswerError[]): boolean {
  const partnerships = data.city?.partnerships;
  if (!partnerships) return false;
  return errors.every((error) => {
    if (!error.path) return true;
    const [root, field, index, list] = error.path;
    if (root !== "city" || field !== "partnerships" || typeof index !== "number") return false;
    if (!LISTS_SHOWN_UNAVAILABLE.has(list)) return false;
    return partnerships[index]?.[list as "visits" | "projects"] === null;
  });
}

/** One entry per partner place, in the collation order of the page's language. */
export function partnersOf(city: CityData, language: string): Partner[] {
  const byPlace = new Map<string, PartnershipData[]>();
  const places = new Map<string, PlaceData>();
  // null only beside an error, which showableDespiteErrors refuses, so no answer shown lacks them
  for (const partnership of city.partnerships ?? []) {
    for (const place of partnership.cities) {
      if (place.id === city.id) continue;
      places.set(place.id, place);
      byPlace.set(place.id, [...(byPlace.get(place.id) ?? []), partnership]);
    }
  }
  const collator = new Intl.Collator(language);
  return [...places.values()]
    .sort((a, b) => collator.compare(a.displayName, b.displayName))
    .map((place) => {
      const partnerships = [...(byPlace.get(place.id) ?? [])].sort(byStart);
      return { place, partnerships, sources: uniqueSources(partnerships.flatMap((item) => item.sources)) };
    });
}

function byStart(a: PartnershipData, b: PartnershipData): number {
  // unknown starts last; ISO dates of any precision compare as text
  return (a.since ?? "9999").localeCompare(b.since ?? "9999");
}

/** The latest visit by date, whatever order the graph gave them in; undefined when there is none. */
export function latestVisit(visits: readonly VisitData[]): VisitData | undefined {
  return visits.reduce<VisitData | undefined>(
    (latest, visit) => (latest === undefined || visit.date > latest.date ? visit : latest),
    undefined,
  );
}

/** Documents once each, in first-cited order; a URL seen on any citation is kept. */
export function uniqueSources(sources: readonly SourceData[]): SourceData[] {
  const byDocument = new Map<string, SourceData>();
  for (const source of sources) {
    const known = byDocument.get(source.document);
    if (!known) byDocument.set(source.document, { ...source });
    else known.url ??= source.url;
  }
  return [...byDocument.values()];
}

export function hasCoordinates(
  place: PlaceData,
): place is PlaceData & { latitude: number; longitude: number } {
  return place.latitude !== null && place.longitude !== null;
}
