// Gazetteer enrichment of the cities already in the graph that have no GeoNames id yet: the places
// the source documents name. Their primary name is tried first, then their local name and aliases.
import { City, type CityInput, CityName, upsertCities } from "@twingraph/cities";
import { type DataSource, In, IsNull } from "typeorm";
import { type Gazetteer, loadGazetteer } from "./gazetteer";
import {
  emptyGazetteerReport,
  enrichment,
  GAZETTEER_SOURCE,
  type GazetteerReport,
  recordMatch,
} from "./places";

interface UnmatchedCity {
  id: string;
  name: string;
  localName: string | null;
  countryCode: string;
  latitude: number | null;
  longitude: number | null;
}

export async function enrichCities(
  cities: DataSource,
  gazetteer: Gazetteer = loadGazetteer(),
): Promise<GazetteerReport> {
  const report = emptyGazetteerReport();
  // repositories, not raw SQL: on PostgreSQL the tables live in the subgraph's own schema
  const pending: UnmatchedCity[] = await cities.getRepository(City).find({
    select: { id: true, name: true, localName: true, countryCode: true, latitude: true, longitude: true },
    where: { geonameId: IsNull() },
    order: { id: "ASC" },
  });
  const aliases = await cities.getRepository(CityName).find({
    select: { cityId: true, name: true },
    where: { kind: "alias", cityId: In(pending.map((city) => city.id)) },
  });
  const updates: CityInput[] = [];
  for (const city of pending) {
    const names = [
      city.name,
      city.localName,
      ...aliases.filter((a) => a.cityId === city.id).map((a) => a.name),
    ];
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
  await cities.transaction((manager) => upsertCities(manager, updates));
  return report;
}
