// Gazetteer enrichment of the cities already in the graph that have no GeoNames id yet: the places
// the source documents name. Their primary name is tried first, then their local name and aliases.
import { type CityInput, citiesWithoutGeonameId, upsertCities } from "@twingraph/cities";
import { type Gazetteer, loadGazetteer } from "@twingraph/gazetteer";
import {
  emptyGazetteerReport,
  enrichment,
  GAZETTEER_SOURCE,
  type GazetteerReport,
  recordMatch,
} from "./places";
import type { GraphWriter } from "./write-graph";

export async function enrichCities(
  writer: GraphWriter,
  gazetteer: Gazetteer = loadGazetteer(),
): Promise<GazetteerReport> {
  const report = emptyGazetteerReport();
  const pending = await citiesWithoutGeonameId(writer.databases.cities.manager);
  const updates: CityInput[] = [];
  for (const city of pending) {
    const names = [city.name, city.localName, ...city.aliases];
    const near =
      city.latitude !== null && city.longitude !== null
        ? { latitude: city.latitude, longitude: city.longitude }
        : undefined;
    const matches = names.flatMap((name) => (name ? [gazetteer.match(name, city.countryCode, near)] : []));
    // the first name that matches decides; failing all, the first ambiguity is what to report
    const match =
      matches.find((candidate) => candidate.kind === "matched") ??
      matches.find((candidate) => candidate.kind === "ambiguous") ??
      ({ kind: "unmatched" } as const);
    recordMatch(report, match, city.name, city.countryCode);
    if (match.kind === "matched")
      updates.push({
        id: city.id,
        name: city.name,
        countryCode: city.countryCode,
        aliases: [],
        ...enrichment(match.place),
        sources: [GAZETTEER_SOURCE],
      });
  }
  await writer.write("cities", (manager) => upsertCities(manager, updates));
  return report;
}
