// What the kit needs to edit cities: a city's editable values as plain JSON, written back through
// ingest.ts, and the rules an edit must keep before it is staged.
import {
  badUserInput,
  type EditableEntity,
  type EditOp,
  EditRegistry,
  findInBatches,
  findPlain,
  groupBy,
} from "@twingraph/kit/subgraph";
import { isCountryCode, nameKey } from "@twingraph/kit/text";
import type { EntityManager } from "typeorm";
import { City } from "./entities/city.entity";
import { CityName } from "./entities/city-name.entity";
import { type CityValues, writeCity } from "./ingest";
import { checkLanguageTag } from "./resolvers/name-in-language";

/** The longest name, local name or alias a city takes; the name search takes no longer ones either. */
export const MAX_CITY_NAME = 200;
/** The most aliases an edit may give a city: the sources' names, not the gazetteer's dozens. */
export const MAX_ALIASES = 50;
/** The longest reason a deprecation may give. */
const MAX_REASON = 1_000;

/** The current values of these cities, deprecated ones too, with their aliases in the order written. */
async function citySnapshots(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, CityValues>> {
  const cities = await findInBatches(ids, (batch) => findPlain(manager, City, { by: "id", keys: batch }));
  const aliases = await findInBatches(
    cities.map((city) => city.id),
    (batch) =>
      findPlain(manager, CityName, {
        by: "cityId",
        keys: batch,
        where: { kind: "alias" },
        order: { rowId: "ASC" },
      }),
  );
  const aliasesOf = groupBy(aliases, (alias) => alias.cityId);
  return new Map(
    cities.map((city) => [
      city.id,
      {
        name: city.name,
        localName: city.localName,
        countryCode: city.countryCode,
        latitude: city.latitude,
        longitude: city.longitude,
        population: city.population,
        geonameId: city.geonameId,
        wikidataId: city.wikidataId,
        aliases: (aliasesOf.get(city.id) ?? []).map((alias) => ({
          name: alias.name,
          language: alias.language,
        })),
        sources: city.sources,
      },
    ]),
  );
}

type FieldCheck = (value: unknown, argument: string) => void;

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

function checkName(value: unknown, argument: string): void {
  if (typeof value !== "string") throw badUserInput(argument, "must be given");
  if (nameKey(value) === "") throw badUserInput(argument, "must hold a letter or a digit");
  if ([...value].length > MAX_CITY_NAME)
    throw badUserInput(argument, `must be at most ${MAX_CITY_NAME} characters long`);
}

const optional =
  (check: FieldCheck): FieldCheck =>
  (value, argument) => {
    if (value !== null) check(value, argument);
  };

const inRange =
  (min: number, max: number): FieldCheck =>
  (value, argument) => {
    if (!isNumber(value) || value < min || value > max)
      throw badUserInput(argument, `must be between ${min} and ${max}, got ${value}`);
  };

const atLeast =
  (min: number): FieldCheck =>
  (value, argument) => {
    if (!Number.isInteger(value) || (value as number) < min)
      throw badUserInput(argument, `must be an integer of at least ${min}, got ${value}`);
  };

function checkCountryCode(value: unknown, argument: string): void {
  if (typeof value !== "string" || !isCountryCode(value))
    throw badUserInput(argument, `must be an ISO 3166-1 alpha-2 country code such as "SI", got "${value}"`);
}

function checkWikidataId(value: unknown, argument: string): void {
  if (typeof value !== "string" || !/^Q[1-9][0-9]*$/.test(value))
    throw badUserInput(argument, `must be a Wikidata item id such as "Q437", got "${value}"`);
}

function checkAliases(value: unknown, argument: string): void {
  const aliases = value as CityValues["aliases"];
  if (aliases.length > MAX_ALIASES)
    throw badUserInput(argument, `must hold at most ${MAX_ALIASES} aliases, got ${aliases.length}`);
  const seen = new Set<string>();
  aliases.forEach((alias, index) => {
    checkName(alias.name, `${argument}[${index}].name`);
    if (alias.language !== null) checkLanguageTag(alias.language, `${argument}[${index}].language`);
    const key = `${alias.name}\u0000${alias.language ?? ""}`;
    if (seen.has(key)) throw badUserInput(argument, `names "${alias.name}" in the same language twice`);
    seen.add(key);
  });
}

/** The rule of each editable field; `sources` come from the edit's source, never from the input. */
const FIELD_CHECKS: Record<Exclude<keyof CityValues, "sources">, FieldCheck> = {
  name: checkName,
  localName: optional(checkName),
  countryCode: checkCountryCode,
  latitude: optional(inRange(-90, 90)),
  longitude: optional(inRange(-180, 180)),
  population: optional(atLeast(0)),
  geonameId: optional(atLeast(1)),
  wikidataId: optional(checkWikidataId),
  aliases: checkAliases,
};

/** CREATE: every field; UPDATE: the fields the patch gives; DEPRECATE: the reason. */
async function validateCity(_manager: EntityManager, values: Partial<CityValues>, op: EditOp): Promise<void> {
  const given: Record<string, unknown> = values;
  if (op === "DEPRECATE") return checkReason(given.reason);
  const fields = Object.keys(given);
  if (op === "UPDATE" && fields.length === 0) throw badUserInput("input", "must change at least one field");
  for (const field of fields) {
    const check = FIELD_CHECKS[field as keyof typeof FIELD_CHECKS];
    if (!check) throw badUserInput(`input.${field}`, "is not a field an edit may set");
    check(given[field], `input.${field}`);
  }
}

function checkReason(reason: unknown): void {
  if (typeof reason !== "string" || reason.trim() === "") throw badUserInput("reason", "must not be empty");
  if ([...reason].length > MAX_REASON)
    throw badUserInput("reason", `must be at most ${MAX_REASON} characters long`);
}

export const cityEditing: EditableEntity<CityValues> = {
  name: "City",
  target: City,
  snapshot: citySnapshots,
  // a function, not writeCity itself: ingest.ts imports this module's registry back
  write: (manager, id, values) => writeCity(manager, id, values),
  validate: validateCity,
};

export const cityEditRegistry = new EditRegistry("cities", [cityEditing]);
