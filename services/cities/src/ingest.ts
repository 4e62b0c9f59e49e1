// The cities subgraph's one write path, for the seed and imports (run by the seed's writeGraph,
// which moves the database's revision on afterwards) and for applied edits, and the reads that
// merging needs. Imports upsert cities by id: an existing city keeps what it has, fills what it
// lacked (coordinates, population, local name, GeoNames and Wikidata ids) and gains new aliases and
// sources. An edit sets a city's values exactly (writeCity).
import { findPlain, insertRows, selectRows, trackChanges } from "@twingraph/kit/subgraph";
import { mergeSources, type SourceRecord } from "@twingraph/kit/text";
import { type EntityManager, In, IsNull } from "typeorm";
import { cityEditRegistry } from "./editing";
import { City } from "./entities/city.entity";
import { CityName, type CityNameKind, cityName } from "./entities/city-name.entity";

export interface CityInput {
  id: string;
  name: string;
  localName?: string | null;
  countryCode: string;
  latitude?: number | null;
  longitude?: number | null;
  population?: number | null;
  geonameId?: number | null;
  /** the Wikidata item, "Q437" */
  wikidataId?: string | null;
  aliases: { name: string; language?: string | null }[];
  /** other names from the gazetteer, kept apart from the names sources and files use */
  gazetteerNames?: string[];
  sources: SourceRecord[];
}

const CHUNK = 400;

/** Upserts the cities in the manager's changeset (its change context), keeping each one's history. */
export function upsertCities(manager: EntityManager, inputs: readonly CityInput[]): Promise<void> {
  const ids = inputs.map((input) => input.id);
  return trackChanges(manager, "City", cityEditRegistry, ids, () => mergeCities(manager, inputs));
}

async function mergeCities(manager: EntityManager, inputs: readonly CityInput[]): Promise<void> {
  for (let start = 0; start < inputs.length; start += CHUNK) {
    const batch = inputs.slice(start, start + CHUNK);
    const keys = batch.map((input) => input.id);
    const existing = new Map(
      (await findPlain(manager, City, { by: "id", keys })).map((city) => [city.id, city]),
    );
    await insertRows(manager, City, batch.filter((input) => !existing.has(input.id)).map(newCity));
    const updated = batch.flatMap((input) => {
      const city = existing.get(input.id);
      return city ? [mergeInto(city, input)] : [];
    });
    if (updated.length > 0) await manager.getRepository(City).save(updated, { reload: false });
    const names = batch.flatMap((input) => namesOf(input, existing.get(input.id)?.name ?? input.name));
    // a name the city has already is left as it is
    await insertRows(manager, CityName, names, { onConflict: "ignore" });
  }
}

function newCity(input: CityInput): City {
  return Object.assign(new City(), {
    id: input.id,
    name: input.name,
    localName: input.localName ?? null,
    countryCode: input.countryCode.toUpperCase(),
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    population: input.population ?? null,
    geonameId: input.geonameId ?? null,
    wikidataId: input.wikidataId ?? null,
    sources: input.sources,
  });
}

function mergeInto(city: City, input: CityInput): City {
  return Object.assign(city, {
    localName: city.localName ?? input.localName ?? null,
    latitude: city.latitude ?? input.latitude ?? null,
    longitude: city.longitude ?? input.longitude ?? null,
    population: city.population ?? input.population ?? null,
    geonameId: city.geonameId ?? input.geonameId ?? null,
    wikidataId: city.wikidataId ?? input.wikidataId ?? null,
    sources: mergeSources(city.sources, input.sources),
  });
}

/** A name that differs from the city's primary name (an import's spelling, say) becomes an alias. */
function namesOf(input: CityInput, primaryName: string): CityName[] {
  const names = [cityName(input.id, "name", primaryName)];
  if (input.localName) names.push(cityName(input.id, "local", input.localName));
  const aliases = input.name === primaryName ? input.aliases : [{ name: input.name }, ...input.aliases];
  for (const alias of aliases) {
    if (alias.name !== primaryName) names.push(cityName(input.id, "alias", alias.name, alias.language));
  }
  for (const name of input.gazetteerNames ?? []) {
    if (name !== primaryName) names.push(cityName(input.id, "gazetteer", name));
  }
  return names;
}

/** A city's editable values: what history stores, diffs show and an edit sets. */
export type CityValues = {
  name: string;
  localName: string | null;
  countryCode: string;
  latitude: number | null;
  longitude: number | null;
  population: number | null;
  geonameId: number | null;
  wikidataId: string | null;
  aliases: { name: string; language: string | null }[];
  sources: SourceRecord[];
};

/** The kinds of name an edit sets; the gazetteer's names are not the sources' word and stay. */
const EDITED_NAME_KINDS: CityNameKind[] = ["name", "local", "alias"];

/**
 * Sets a city to exactly these values, creating it when absent (an applied edit, a revert): its
 * fields, sources, primary and local name rows and aliases are replaced; its gazetteer names stay.
 * Version and rank are the kit's to move.
 */
export async function writeCity(manager: EntityManager, id: string, values: CityValues): Promise<void> {
  const repository = manager.getRepository(City);
  const fields = {
    name: values.name,
    localName: values.localName,
    countryCode: values.countryCode.toUpperCase(),
    latitude: values.latitude,
    longitude: values.longitude,
    population: values.population,
    geonameId: values.geonameId,
    wikidataId: values.wikidataId,
    sources: values.sources,
  };
  if (await repository.existsBy({ id })) await repository.update({ id }, fields);
  else await repository.insert({ id, ...fields });
  await manager.getRepository(CityName).delete({ cityId: id, kind: In(EDITED_NAME_KINDS) });
  await insertRows(manager, CityName, [
    cityName(id, "name", values.name),
    ...(values.localName ? [cityName(id, "local", values.localName)] : []),
    ...values.aliases.map((alias) => cityName(id, "alias", alias.name, alias.language)),
  ]);
}

export interface CityNameKey {
  cityId: string;
  countryCode: string;
  key: string;
  geonameId: number | null;
  wikidataId: string | null;
}

/**
 * Every name key that sources and files gave a city, with its country, GeoNames and Wikidata ids: what imports
 * match places against. Gazetteer names are left out: they identify places through the GeoNames id.
 */
export function cityNameKeys(manager: EntityManager): Promise<CityNameKey[]> {
  return manager
    .getRepository(CityName)
    .createQueryBuilder("n")
    .innerJoin("n.city", "c")
    .select([
      'n.cityId AS "cityId"',
      'c.countryCode AS "countryCode"',
      'n.key AS "key"',
      'c.geonameId AS "geonameId"',
      'c.wikidataId AS "wikidataId"',
    ])
    .where("n.kind <> 'gazetteer'")
    .orderBy("n.rowId", "ASC")
    .getRawMany();
}

export interface LocatedCity {
  id: string;
  latitude: number;
  longitude: number;
}

/** Every city with coordinates: what partnership distances are measured from. */
export function locatedCities(manager: EntityManager): Promise<LocatedCity[]> {
  // plain rows: a seed measures from every city, and hydrating them as entities cost more than the read
  return selectRows(
    manager,
    (sql) => `SELECT "id", "latitude", "longitude" FROM ${sql.table("city")}
      WHERE "latitude" IS NOT NULL AND "longitude" IS NOT NULL`,
  );
}

export interface UnlocatedCity {
  id: string;
  name: string;
  localName: string | null;
  countryCode: string;
  latitude: number | null;
  longitude: number | null;
  /** its aliases, the names besides the primary and local one that sources gave it */
  aliases: string[];
}

/** The cities the gazetteer has not matched yet (no GeoNames id), in id order, with their aliases. */
export async function citiesWithoutGeonameId(manager: EntityManager): Promise<UnlocatedCity[]> {
  // repositories, not raw SQL: on PostgreSQL the tables live in the subgraph's own schema
  const cities = await manager.getRepository(City).find({
    select: { id: true, name: true, localName: true, countryCode: true, latitude: true, longitude: true },
    where: { geonameId: IsNull() },
    order: { id: "ASC" },
  });
  const aliases = await manager.getRepository(CityName).find({
    select: { cityId: true, name: true },
    where: { kind: "alias", cityId: In(cities.map((city) => city.id)) },
  });
  return cities.map((city) => ({
    id: city.id,
    name: city.name,
    localName: city.localName,
    countryCode: city.countryCode,
    latitude: city.latitude,
    longitude: city.longitude,
    aliases: aliases.filter((alias) => alias.cityId === city.id).map((alias) => alias.name),
  }));
}
