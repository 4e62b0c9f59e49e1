// Imports the world twinning file (city1,country1,lat1,lng1,city2,country2,lat2,lng2) as TWINNING
// partnerships. Places are matched to existing cities by name or alias within their country; a pair
// that already exists gains this source instead of a duplicate; unusable rows are counted and
// reported with their line and reason. The whole file is checked before anything is written.
import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  memberKey,
  type PartnershipInput,
  PartnershipKind,
  PartnershipStatus,
  partnershipsByMembers,
  upsertPartnerships,
} from "@twingraph/agreements";
import { type CityInput, cityNameKeys, upsertCities } from "@twingraph/cities";
import { cityId, countryCodeFromName, nameKey, type SourceRecord } from "@twingraph/kit";
import { parse } from "csv-parse/sync";
import type { Databases } from "./databases";

export const WORLD_SOURCE: SourceRecord = {
  document: "Wikipedia: List of twin towns and sister cities",
  url: "https://en.wikipedia.org/wiki/Lists_of_twin_towns_and_sister_cities",
  language: "en",
};

export const WORLD_COLUMNS = [
  "city1",
  "country1",
  "lat1",
  "lng1",
  "city2",
  "country2",
  "lat2",
  "lng2",
] as const;

/** Where `npm start` looks for the file unless TWINGRAPH_WORLD_FILE says otherwise. */
export function defaultWorldFile(): string {
  return (
    process.env.TWINGRAPH_WORLD_FILE ?? path.resolve(__dirname, "../../../shared/data/world-twinnings.csv")
  );
}

export interface Rejection {
  line: number;
  reason: string;
}

export interface WorldImportReport {
  rowsRead: number;
  citiesCreated: number;
  citiesMatched: number;
  partnershipsCreated: number;
  partnershipsMerged: number;
  duplicateRows: number;
  rejected: Rejection[];
}

export type Progress = (phase: string, done: number, total: number) => void;

type Row = Record<(typeof WORLD_COLUMNS)[number], string>;

class RowError extends Error {}

/** Parses the file or throws, naming what is wrong with it; a file that fails here changes nothing. */
export function parseWorldFile(text: string): Row[] {
  let records: Row[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, bom: true, trim: true });
  } catch (error) {
    throw new Error(`The twinning file is not valid CSV: ${(error as Error).message}`);
  }
  const header = text
    .slice(0, text.indexOf("\n"))
    .replace(/^\uFEFF/, "")
    .trim();
  const missing = WORLD_COLUMNS.filter((column) => !header.split(",").includes(column));
  if (missing.length > 0) throw new Error(`The twinning file lacks the column(s) ${missing.join(", ")}.`);
  return records;
}

interface Place {
  id: string;
  input: CityInput;
  existing: boolean;
}

export async function importWorldTwinnings(
  databases: Databases,
  file: string,
  progress: Progress = () => {},
): Promise<WorldImportReport> {
  const rows = parseWorldFile(await readFile(file, "utf8"));
  const knownCities = new Map(
    (await cityNameKeys(databases.cities.manager)).map((name) => [
      `${name.countryCode}|${name.key}`,
      name.cityId,
    ]),
  );
  const knownPairs = await partnershipsByMembers(databases.agreements.manager);
  const places = new Map<string, Place>();
  const pairs = new Map<string, PartnershipInput>();
  const report: WorldImportReport = {
    rowsRead: rows.length,
    citiesCreated: 0,
    citiesMatched: 0,
    partnershipsCreated: 0,
    partnershipsMerged: 0,
    duplicateRows: 0,
    rejected: [],
  };

  const placeOf = (name: string, country: string, lat: string, lng: string): Place => {
    if (name === "") throw new RowError("a city name is empty");
    const countryCode = countryCodeFromName(country);
    if (!countryCode) throw new RowError(`unknown country "${country}"`);
    const key = nameKey(name);
    if (key === "") throw new RowError(`the city name "${name}" has no letters or digits`);
    const known = knownCities.get(`${countryCode}|${key}`);
    const id = known ?? cityId(countryCode, name);
    let place = places.get(id);
    if (!place) {
      const [latitude, longitude] = coordinates(lat, lng);
      place = {
        id,
        existing: known !== undefined,
        input: { id, name, countryCode, latitude, longitude, aliases: [], sources: [WORLD_SOURCE] },
      };
      places.set(id, place);
    }
    return place;
  };

  rows.forEach((row, index) => {
    const line = index + 2;
    try {
      const first = placeOf(row.city1, row.country1, row.lat1, row.lng1);
      const second = placeOf(row.city2, row.country2, row.lat2, row.lng2);
      if (first.id === second.id) throw new RowError(`both sides are the same place (${first.id})`);
      const key = memberKey([first.id, second.id]);
      if (pairs.has(key)) {
        report.duplicateRows += 1;
        return;
      }
      const existingId = knownPairs.get(key);
      if (existingId) report.partnershipsMerged += 1;
      else report.partnershipsCreated += 1;
      pairs.set(key, {
        id: existingId ?? `p-${[first.id, second.id].sort().join("--")}`,
        kind: PartnershipKind.TWINNING,
        status: PartnershipStatus.UNKNOWN,
        cityIds: [first.id, second.id],
        sources: [WORLD_SOURCE],
      });
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      report.rejected.push({ line, reason: error.message });
    }
    if (line % 1000 === 0) progress("checking rows", index + 1, rows.length);
  });
  progress("checking rows", rows.length, rows.length);

  const cityInputs = [...places.values()];
  report.citiesCreated = cityInputs.filter((place) => !place.existing).length;
  report.citiesMatched = cityInputs.length - report.citiesCreated;
  await databases.cities.transaction((manager) =>
    writeInSteps(
      cityInputs.map((place) => place.input),
      (batch) => upsertCities(manager, batch),
      "cities",
      progress,
    ),
  );
  await databases.agreements.transaction((manager) =>
    writeInSteps(
      [...pairs.values()],
      (batch) => upsertPartnerships(manager, batch),
      "partnerships",
      progress,
    ),
  );
  return report;
}

async function writeInSteps<T>(
  items: readonly T[],
  write: (batch: readonly T[]) => Promise<void>,
  phase: string,
  progress: Progress,
): Promise<void> {
  const step = 2000;
  for (let start = 0; start < items.length; start += step) {
    await write(items.slice(start, start + step));
    progress(`writing ${phase}`, Math.min(start + step, items.length), items.length);
  }
}

/** Decimal degrees when both are valid numbers in range; otherwise no coordinates rather than wrong ones. */
function coordinates(lat: string, lng: string): [number | null, number | null] {
  const latitude = Number.parseFloat(lat);
  const longitude = Number.parseFloat(lng);
  const valid =
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    Math.abs(latitude) <= 90 &&
    Math.abs(longitude) <= 180;
  return valid ? [latitude, longitude] : [null, null];
}
