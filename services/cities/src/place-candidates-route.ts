// The internal step ingestNews takes here (served beside the change routes, behind the gateway
// secret): the graph's cities a place mention may mean, by the name key or stem of any name the city
// table keeps (primary, local, aliases, gazetteer names), so "Kranju" and "Beljak" find their cities.
import { HttpError } from "@twingraph/kit/http";
import { findInBatches, type JsonStep, RecordRank, stepFields } from "@twingraph/kit/subgraph";
import { type GraphPlaceCandidate, MAX_LOOKUP_ITEMS, NEWS_LOOKUP_PATHS } from "@twingraph/kit/text";
import { type DataSource, type EntityManager, In } from "typeorm";
import { City } from "./entities/city.entity";
import { CityName } from "./entities/city-name.entity";

/** `POST /changes/place-candidates { keys }` → `{ candidates }`: per key, the cities not deprecated that have it. */
export function placeCandidateRoutes(db: DataSource): Record<string, JsonStep> {
  const path = NEWS_LOOKUP_PATHS.placeCandidates;
  return {
    [path]: async (body) => ({ candidates: await placeCandidates(db.manager, keysIn(path, body)) }),
  };
}

function keysIn(path: string, body: unknown): string[] {
  const keys = stepFields(path, body).keys;
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === "string"))
    throw new HttpError(400, "BAD_REQUEST", `${path}: "keys" must be a list of name keys.`);
  if (keys.length > MAX_LOOKUP_ITEMS)
    throw new HttpError(400, "BAD_REQUEST", `${path}: at most ${MAX_LOOKUP_ITEMS} keys per request.`);
  return [...new Set(keys.filter((key) => key !== ""))];
}

/** One candidate per key and city: a city found by its key and by its stem is one candidate. */
export async function placeCandidates(
  manager: EntityManager,
  keys: readonly string[],
): Promise<GraphPlaceCandidate[]> {
  if (keys.length === 0) return [];
  const names = CityName.name;
  const rows = await findInBatches([...keys], (batch) =>
    manager
      .getRepository(CityName)
      .createQueryBuilder(names)
      .select([`${names}.cityId`, `${names}.key`, `${names}.stem`])
      .where(`${names}.key IN (:...batch) OR ${names}.stem IN (:...batch)`, { batch })
      .getMany(),
  );
  const cityIds = [...new Set(rows.map((row) => row.cityId))];
  const cities = new Map(
    (
      await findInBatches(cityIds, (batch) =>
        manager.getRepository(City).findBy({ id: In(batch), rank: RecordRank.NORMAL }),
      )
    ).map((city) => [city.id, city]),
  );
  const asked = new Set(keys);
  const found = new Map<string, GraphPlaceCandidate>();
  for (const row of rows) {
    const city = cities.get(row.cityId);
    if (!city) continue;
    for (const key of new Set([row.key, row.stem])) {
      if (!asked.has(key) || found.has(`${key}\u0000${city.id}`)) continue;
      found.set(`${key}\u0000${city.id}`, candidateOf(key, city));
    }
  }
  return [...found.values()];
}

function candidateOf(key: string, city: City): GraphPlaceCandidate {
  return {
    key,
    cityId: city.id,
    geonameId: city.geonameId,
    name: city.name,
    countryCode: city.countryCode,
    latitude: city.latitude,
    longitude: city.longitude,
    population: city.population,
  };
}
