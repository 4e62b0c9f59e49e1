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
  visits: VisitData[];
  projects: ProjectData[];
  sources: SourceData[];
}

export interface CityData extends PlaceData {
  partnerships: PartnershipData[];
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

/** One entry per partner place, in the collation order of the page's language. */
export function partnersOf(city: CityData, language: string): Partner[] {
  const byPlace = new Map<string, PartnershipData[]>();
  const places = new Map<string, PlaceData>();
  for (const partnership of city.partnerships) {
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
