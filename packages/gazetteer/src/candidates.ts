// Answers a place resolver's question ("which places have this name key?") from the gazetteer,
// after the graph's own cities: a GeoNames place the graph already holds is not offered twice.
import { greatCircleKm, type PlaceCandidate } from "@twingraph/kit/text";
import type { Gazetteer } from "./gazetteer";

/** A graph city this close to a GeoNames namesake in the same country is that place. */
const SAME_PLACE_KM = 30;

/**
 * For each key: the graph's candidates as given (`graph`, e.g. from the cities subgraph's name
 * index), then the gazetteer's places with that name key or stem in any country, less those a graph
 * candidate already stands for (the same GeoNames id, or the same country within 30 km).
 */
export function gazetteerCandidates(
  gazetteer: Gazetteer,
  keys: readonly string[],
  graph?: ReadonlyMap<string, readonly PlaceCandidate[]>,
): Map<string, PlaceCandidate[]> {
  const answer = new Map<string, PlaceCandidate[]>();
  for (const key of new Set(keys)) {
    const graphCandidates = graph?.get(key) ?? [];
    const candidates = [...graphCandidates];
    for (const place of gazetteer.byKey(key)) {
      if (graphCandidates.some((city) => isSamePlace(city, place))) continue;
      candidates.push({
        cityId: null,
        geonameId: place.geonameId,
        name: place.name,
        countryCode: place.countryCode,
        latitude: place.latitude,
        longitude: place.longitude,
        population: place.population,
      });
    }
    if (candidates.length > 0) answer.set(key, candidates);
  }
  return answer;
}

function isSamePlace(
  city: PlaceCandidate,
  place: { geonameId: number; countryCode: string; latitude: number; longitude: number },
): boolean {
  if (city.geonameId === place.geonameId) return true;
  if (city.countryCode !== place.countryCode) return false;
  if (city.latitude === null || city.longitude === null) return false;
  return greatCircleKm({ latitude: city.latitude, longitude: city.longitude }, place) <= SAME_PLACE_KM;
}
