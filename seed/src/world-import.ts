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
import { upsertCities } from "@twingraph/cities";
import type { SourceRecord } from "@twingraph/kit";
import { parse } from "csv-parse/sync";
import type { Databases } from "./databases";
import {
  type Coordinates,
  countryCodeOf,
  type GazetteerReport,
  type Place,
  PlaceResolver,
  RowError,
} from "./places";

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
  /** how the file's places fared in the gazetteer */
  gazetteer: GazetteerReport;
}

export type Progress = (phase: string, done: number, total: number) => void;

type Row = Record<(typeof WORLD_COLUMNS)[number], string>;

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

export async function importWorldTwinnings(
  databases: Databases,
  file: string,
  progress: Progress = () => {},
): Promise<WorldImportReport> {
  const rows = parseWorldFile(await readFile(file, "utf8"));
  const places = await PlaceResolver.open(databases.cities.manager);
  const knownPairs = await partnershipsByMembers(databases.agreements.manager);
  const pairs = new Map<string, PartnershipInput>();
  const report: WorldImportReport = {
    rowsRead: rows.length,
    citiesCreated: 0,
    citiesMatched: 0,
    partnershipsCreated: 0,
    partnershipsMerged: 0,
    duplicateRows: 0,
    rejected: [],
    gazetteer: places.report,
  };

  const placeOf = (name: string, country: string, lat: string, lng: string): Place =>
    places.resolve(name, countryCodeOf(country), WORLD_SOURCE, coordinates(lat, lng));

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

  report.citiesCreated = places.created;
  report.citiesMatched = places.matched;
  await databases.cities.transaction((manager) =>
    writeInSteps(places.inputs(), (batch) => upsertCities(manager, batch), "cities", progress),
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
function coordinates(lat: string, lng: string): Coordinates | null {
  const latitude = Number.parseFloat(lat);
  const longitude = Number.parseFloat(lng);
  const valid =
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    Math.abs(latitude) <= 90 &&
    Math.abs(longitude) <= 180;
  return valid ? { latitude, longitude } : null;
}
