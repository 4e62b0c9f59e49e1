// The internal step ingestNews takes here (served beside the change routes, behind the gateway
// secret): the graph's cities a place mention may mean, by the name key or stem of any name the city
// table keeps (primary, local, aliases, gazetteer names), so "Kranju" and "Beljak" find their cities;
// a name the graph qualifies to tell namesakes apart ("Istočno Novo Sarajevo (Istočno Sarajevo)",
// whose key keeps the qualifier's words) is found by its bare name too.
import { HttpError } from "@twingraph/kit/http";
import { chunks, findInBatches, type JsonStep, RecordRank, stepFields } from "@twingraph/kit/subgraph";
import {
  type GraphPlaceCandidate,
  MAX_LOOKUP_ITEMS,
  NEWS_LOOKUP_PATHS,
  nameKey,
  nameStem,
} from "@twingraph/kit/text";
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

/** A parenthesised qualifier ending a name: "Stari Grad (Sarajevo)", "Halle (Saale)". */
const QUALIFIER = /\s*\([^)]*\)$/u;

/** One candidate per key and city: a city found by its key and by its stem is one candidate. */
export async function placeCandidates(
  manager: EntityManager,
  keys: readonly string[],
): Promise<GraphPlaceCandidate[]> {
  if (keys.length === 0) return [];
  const rows = [...(await namesByKey(manager, keys)), ...(await qualifiedNames(manager, keys))];
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

type NameRow = Pick<CityName, "cityId" | "key" | "stem">;

/** Names whose key or stem is one of the keys (both columns indexed). */
function namesByKey(manager: EntityManager, keys: readonly string[]): Promise<NameRow[]> {
  const names = CityName.name;
  return findInBatches([...keys], (batch) =>
    manager
      .getRepository(CityName)
      .createQueryBuilder(names)
      .select([`${names}.cityId`, `${names}.key`, `${names}.stem`])
      .where(`${names}.key IN (:...batch) OR ${names}.stem IN (:...batch)`, { batch })
      .getMany(),
  );
}

/** Keys per query of the qualified names' lookup: four bound parameters each. */
const QUALIFIED_BATCH = 200;

/**
 * Qualified names whose bare name has one of the keys, as key and stem of the bare name. The stored
 * key of "Stari Grad (Sarajevo)" is "stari grad sarajevo": it begins with the asked key and a space,
 * a range of the index ("stari grad " ≤ key < "stari grad!", space and "!" being adjacent code points;
 * PostgreSQL compares so under the C collation the databases here use), and the bare name is then
 * checked, since the range also holds longer unqualified names ("Stari Grad Kula").
 */
async function qualifiedNames(manager: EntityManager, keys: readonly string[]): Promise<NameRow[]> {
  const names = CityName.name;
  const rows: (NameRow & Pick<CityName, "name">)[] = [];
  for (const batch of chunks(keys, QUALIFIED_BATCH)) {
    rows.push(
      ...(await manager
        .getRepository(CityName)
        .createQueryBuilder(names)
        .select([`${names}.cityId`, `${names}.name`, `${names}.key`, `${names}.stem`])
        .where(
          `(${batch
            .map(
              (_, n) =>
                `(${names}.key >= :low${n} AND ${names}.key < :high${n}) OR (${names}.stem >= :low${n} AND ${names}.stem < :high${n})`,
            )
            .join(" OR ")})`,
          Object.fromEntries(
            batch.flatMap((key, n) => [
              [`low${n}`, `${key} `],
              [`high${n}`, `${key}!`],
            ]),
          ),
        )
        .andWhere(`${names}.name LIKE '%)'`)
        .getMany()),
    );
  }
  return rows.flatMap((row) => {
    const bare = row.name.replace(QUALIFIER, "");
    return bare === row.name ? [] : [{ cityId: row.cityId, key: nameKey(bare), stem: nameStem(bare) }];
  });
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
