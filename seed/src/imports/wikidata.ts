// Twinnings exported from the Wikidata Query Service: statements "twinned administrative body"
// (P190) with their start (P580) and end (P582) times, as CSV, as the WDQS "JSON" download (an
// array of flat objects) or as SPARQL JSON results ({ head, results: { bindings } }). This query
// gives exactly the columns read here (drop the first line for the whole world):
//
//   SELECT ?city ?cityLabel ?cityCountryCode ?partner ?partnerLabel ?partnerCountryCode ?start ?end
//   WHERE {
//     ?city wdt:P17 wd:Q215 .
//     ?city p:P190 ?twinning .
//     ?twinning ps:P190 ?partner .
//     FILTER NOT EXISTS { ?twinning wikibase:rank wikibase:DeprecatedRank }
//     OPTIONAL { ?twinning pq:P580 ?start }
//     OPTIONAL { ?twinning pq:P582 ?end }
//     OPTIONAL { ?city wdt:P17/wdt:P297 ?cityCountryCode }
//     OPTIONAL { ?partner wdt:P17/wdt:P297 ?partnerCountryCode }
//     SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
//   }
//
// Each city keeps its Wikidata item, and a city the graph knows by its item is that city whatever
// its label. Each partnership is credited to Wikidata with the URL of the item whose statement the
// row is, so a reader checks the claim in one click; a source per file would have to name the
// query's date, which WDQS downloads do not carry.
import path from "node:path";
import type { SourceRecord } from "@twingraph/kit/text";
import type { Databases } from "../databases";
import { countryCodeOf, placeName, RowError } from "../places";
import { type GraphWriter, writeGraph } from "../write-graph";
import {
  type Columns,
  csvRows,
  ImportFileError,
  type ImportRow,
  objectRows,
  parseJson,
  readTextFile,
} from "./import-file";
import { checkRows, emptyReport, type ImportReport, type Progress } from "./import-report";
import { PartnershipCollector, type PartnershipRecords } from "./partnerships";
import { checkOrder, wikidataItem, wikidataTime, wikidataUrl } from "./values";

type WikidataColumn =
  | "city"
  | "cityLabel"
  | "cityCountryCode"
  | "partner"
  | "partnerLabel"
  | "partnerCountryCode"
  | "start"
  | "end";

export const WIKIDATA_COLUMNS: Columns<WikidataColumn> = {
  required: {
    city: ["city"],
    cityLabel: ["cityLabel"],
    cityCountryCode: ["cityCountryCode"],
    partner: ["partner"],
    partnerLabel: ["partnerLabel"],
    partnerCountryCode: ["partnerCountryCode"],
  },
  optional: { start: ["start"], end: ["end"] },
};

export type WikidataReport = ImportReport<PartnershipRecords>;

/** Imports a WDQS export; a file that fails its checks changes nothing. */
export function importWikidata(
  databases: Databases,
  file: string,
  progress?: Progress,
): Promise<WikidataReport> {
  return writeGraph(databases, (writer) => writeWikidata(writer, file, progress));
}

/** A WDQS export written through a writer (what importWikidata runs in writeGraph). */
export async function writeWikidata(
  writer: GraphWriter,
  file: string,
  progress: Progress = () => {},
): Promise<WikidataReport> {
  const text = await readTextFile(file);
  const json = /^\s*[[{]/.test(text);
  const rows = json ? jsonRows(parseJson(text, file), file) : csvRows(text, WIKIDATA_COLUMNS, file);
  const collector = await PartnershipCollector.open(writer.databases);
  const report = emptyReport("wikidata", file, json ? "results" : "lines", [
    "partnerships",
    "cities",
  ] as const);
  checkRows(rows, report, progress, ({ values }) => {
    const cityItem = wikidataItem(values.city, "city");
    const partnerItem = wikidataItem(values.partner, "partner");
    if (cityItem === partnerItem) throw new RowError(`${cityItem} is twinned with itself`);
    const since = wikidataTime(values.start, "start");
    const until = wikidataTime(values.end, "end");
    checkOrder(since, until, "the twinning");
    // every value is checked before a place is resolved: a rejected row leaves no city behind
    const city = itemPlace(cityItem, values.cityLabel, values.cityCountryCode);
    const partner = itemPlace(partnerItem, values.partnerLabel, values.partnerCountryCode);
    const resolve = ({ item, name, countryCode }: ItemPlace) =>
      collector.places.resolve(name, countryCode, wikidataSource(item), { wikidataId: item });
    return collector.add(resolve(city), resolve(partner), { since, until }, wikidataSource(cityItem));
  });
  await collector.write(writer, report, progress);
  return report;
}

function wikidataSource(item: string): SourceRecord {
  return { document: "Wikidata", url: wikidataUrl(item) };
}

interface ItemPlace {
  item: string;
  name: string;
  countryCode: string;
}

function itemPlace(item: string, label: string, country: string): ItemPlace {
  // the label service answers with the item id where the item has no label in the language asked
  if (label === "" || label === item) throw new RowError(`${item} has no label`);
  if (country === "") throw new RowError(`${item} (${label}) has no country code (P297 of its country)`);
  return { item, name: placeName(label), countryCode: countryCodeOf(country) };
}

/** The WDQS JSON download (an array of flat objects) or SPARQL JSON results, as rows. */
function jsonRows(json: unknown, file: string): ImportRow<WikidataColumn>[] {
  if (Array.isArray(json)) {
    if (!json.every(isObject))
      throw new ImportFileError(
        `${path.basename(file)} is an array, but not of results: each item should be an object.`,
      );
    const header = [...new Set(json.flatMap((result) => Object.keys(result)))];
    return objectRows(header, json, WIKIDATA_COLUMNS, file);
  }
  if (isSparqlResults(json)) return objectRows(json.head.vars, json.results.bindings, WIKIDATA_COLUMNS, file);
  throw new ImportFileError(
    `${path.basename(file)} is neither a WDQS JSON download (an array of results) nor SPARQL JSON results ({ head, results: { bindings } }).`,
  );
}

interface SparqlResults {
  head: { vars: string[] };
  results: { bindings: Record<string, unknown>[] };
}

function isSparqlResults(json: unknown): json is SparqlResults {
  if (!isObject(json) || !isObject(json.head) || !isObject(json.results)) return false;
  const { vars } = json.head;
  const { bindings } = json.results;
  return (
    Array.isArray(vars) &&
    vars.every((name) => typeof name === "string") &&
    Array.isArray(bindings) &&
    bindings.every(isObject)
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
