// Twinning pairs as CSV, in one of two forms told apart by the header: the world file's
// city1,country1,lat1,lng1,city2,country2,lat2,lng2 or the minimal city1,country1,city2,country2;
// either may add a since column (an ISO year or date). Countries are ISO codes or English names.
import path from "node:path";
import type { SourceRecord } from "@twingraph/kit/text";
import type { Databases } from "../databases";
import { type Coordinates, countryCodeOf, placeName } from "../places";
import { type GraphWriter, writeGraph } from "../write-graph";
import { type Columns, csvRows, headerKey, readTextFile } from "./import-file";
import { checkRows, emptyReport, type ImportReport, type Progress } from "./import-report";
import { PartnershipCollector, type PartnershipRecords } from "./partnerships";
import { isoDate } from "./values";

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
export const MINIMAL_PAIR_COLUMNS = ["city1", "country1", "city2", "country2"] as const;

/** The world file is Wikipedia's list of twin towns, as scraped and geocoded by Hekman/twincities. */
export const WORLD_SOURCE: SourceRecord = {
  document: "Wikipedia: List of twin towns and sister cities",
  url: "https://en.wikipedia.org/wiki/Lists_of_twin_towns_and_sister_cities",
  language: "en",
};

export type PairsReport = ImportReport<PartnershipRecords>;

type PairColumn = (typeof WORLD_COLUMNS)[number] | "since";

export interface PairsOptions {
  /** what the pairs are credited to; default: the file, by its name */
  source?: SourceRecord;
  progress?: Progress;
}

/** Imports a pairs file; a file that fails its checks changes nothing. */
export function importPairs(
  databases: Databases,
  file: string,
  options: PairsOptions = {},
): Promise<PairsReport> {
  return writeGraph(databases, (writer) => writePairs(writer, file, options));
}

/** A pairs file written through a writer (what importPairs runs in writeGraph). */
export async function writePairs(
  writer: GraphWriter,
  file: string,
  options: PairsOptions = {},
): Promise<PairsReport> {
  const { source = { document: path.basename(file) }, progress = () => {} } = options;
  const text = await readTextFile(file);
  const rows = csvRows<PairColumn>(text, pairColumns(firstLine(text)), file);
  const collector = await PartnershipCollector.open(writer.databases);
  const report = emptyReport("pairs", file, "lines", ["partnerships", "cities"] as const);
  checkRows(rows, report, progress, ({ values }) => {
    // every value is checked before a place is resolved: a rejected row leaves no city behind
    const first = { name: placeName(values.city1), countryCode: countryCodeOf(values.country1) };
    const second = { name: placeName(values.city2), countryCode: countryCodeOf(values.country2) };
    const since = isoDate(values.since, "since");
    const resolve = ({ name, countryCode }: typeof first, lat: string, lng: string) =>
      collector.places.resolve(name, countryCode, source, { near: coordinates(lat, lng) });
    return collector.add(
      resolve(first, values.lat1, values.lng1),
      resolve(second, values.lat2, values.lng2),
      { since },
      source,
    );
  });
  await collector.write(writer, report, progress);
  return report;
}

/** The world file: the pairs import credited to Wikipedia's list, as `npm start` runs it. */
export function importWorldTwinnings(
  databases: Databases,
  file: string,
  progress?: Progress,
): Promise<PairsReport> {
  return writeGraph(databases, (writer) => writeWorldTwinnings(writer, file, progress));
}

/** The world file written through a writer, for seeding that writes more in the same writeGraph. */
export function writeWorldTwinnings(
  writer: GraphWriter,
  file: string,
  progress?: Progress,
): Promise<PairsReport> {
  return writePairs(writer, file, { source: WORLD_SOURCE, progress });
}

/** The world form when the header has coordinates, the minimal form (no coordinates) otherwise. */
function pairColumns(header: string): Columns<PairColumn> {
  const names = header.split(",").map(headerKey);
  const world = names.includes("lat1") || names.includes("lng1");
  const byName = (columns: readonly PairColumn[]) =>
    Object.fromEntries(columns.map((column) => [column, [column]]));
  const coordinates = WORLD_COLUMNS.filter(
    (column) => !(MINIMAL_PAIR_COLUMNS as readonly string[]).includes(column),
  );
  return {
    required: byName(world ? WORLD_COLUMNS : MINIMAL_PAIR_COLUMNS),
    optional: byName(world ? ["since"] : [...coordinates, "since"]),
  };
}

function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end === -1 ? text : text.slice(0, end);
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
