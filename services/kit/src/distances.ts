// Partnership distances: the great-circle distance between a two-place partnership's cities, which
// the agreements subgraph stores so that network queries need no coordinates from the cities
// subgraph. The seed measures every partnership after a write; the changes coordinator measures
// those an applied changeset touched, through the internal steps whose messages are here.

export interface Located {
  latitude: number;
  longitude: number;
}

/** The mean Earth radius (IUGG). */
const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance (haversine), in km. */
export function greatCircleKm(a: Located, b: Located): number {
  const radians = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * radians;
  const dLon = (b.longitude - a.longitude) * radians;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * radians) * Math.cos(b.latitude * radians) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The distance a partnership stores, from its members' places in order (undefined or null for a
 * member without coordinates): rounded to 0.1 km, as the coordinates are no more precise; null
 * unless it has exactly two members and both are located.
 */
export function partnershipDistanceKm(places: readonly (Located | null | undefined)[]): number | null {
  const [first, second] = places;
  if (places.length !== 2 || !first || !second) return null;
  return Math.round(greatCircleKm(first, second) * 10) / 10;
}

/**
 * The internal steps (POST, JSON, behind the gateway secret) that the changes coordinator takes
 * after applying a changeset, each served by the subgraph that owns the data.
 */
export const DISTANCE_PATHS = {
  /** cities: `{ cityIds }` → `{ locations: CityLocation[] }`, the located ones only */
  locations: "/changes/locations",
  /** agreements: `{ cityIds, partnershipIds }` → `{ partnerships: PartnershipPlaces[] }`, not deprecated */
  partnershipsOf: "/changes/partnerships-of",
  /** agreements: `{ distances: { [partnershipId]: km | null } }` → `{ stored }`, how many changed */
  distances: "/changes/distances",
} as const;

export interface CityLocation extends Located {
  id: string;
}

export interface PartnershipPlaces {
  id: string;
  /** its members in order */
  cityIds: string[];
}
