// `npm run import -- news`: news pages, feeds and plain texts (a file, or every such file of a
// folder) read, extracted and planned (see @twingraph/news-extract), then written as one IMPORT
// changeset. Every input is read and every plan checked before the first write: a broken page or feed
// refuses the whole run with its reason and writes nothing. A text or URL ingested before is a
// duplicate and plans nothing, so importing the same input again changes nothing.
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { type Gazetteer, loadGazetteer } from "@twingraph/gazetteer";
import {
  contentHash,
  extractNews,
  IngestError,
  type NewsDocument,
  type NewsReport,
  type PlaceCandidate,
  type PlannedEdit,
  planNews,
  type RelationKind,
  readNewsInputs,
} from "@twingraph/news-extract";
import type { Databases } from "../databases";
import { openNewsLookups } from "../news/news-lookups";
import { checkEdits, mergeEdits, writeNewsEdits } from "../news/write-news";
import { type WriteGraphOptions, writeGraph } from "../write-graph";
import type { Progress } from "./import-report";

/** The files a folder gives: pages, feeds and texts, by extension. */
export const NEWS_EXTENSIONS = [".html", ".htm", ".txt", ".xml", ".rss", ".atom"] as const;

export interface NewsImportOptions extends WriteGraphOptions {
  /** the page's URL (a feed: the base of its entries' links) */
  url?: string | null;
  /** YYYY-MM-DD, for inputs that do not say */
  publishedOn?: string | null;
  /** a BCP 47 tag the texts are in, overriding detection */
  language?: string | null;
  progress?: Progress;
  gazetteer?: Gazetteer;
}

export interface NewsImportReport {
  kind: "news";
  /** the input as given: a file or folder */
  input: string;
  files: number;
  /** documents read from the files (a feed gives one per entry) */
  documents: number;
  ingested: number;
  duplicates: { url: string | null; duplicateOf: string }[];
  /** inputs refused whole: any one refuses the run, which then writes nothing */
  rejected: { file: string; reason: string }[];
  /** feed entries left out (no text, repeated), with the reason */
  skipped: { file: string; url: string | null; reason: string }[];
  /** relations found, by kind, in the documents ingested */
  relations: Partial<Record<RelationKind, number>>;
  ambiguous: { newsItemId: string; text: string; candidates: PlaceCandidate[] }[];
  /** GeoNames places new to the graph, proposed as cities */
  proposedPlaces: PlaceCandidate[];
  /** records written, by entity */
  created: Record<PlannedEdit["entity"], number>;
  items: NewsReport[];
  seconds: number;
}

function emptyNewsReport(input: string): NewsImportReport {
  return {
    kind: "news",
    input,
    files: 0,
    documents: 0,
    ingested: 0,
    duplicates: [],
    rejected: [],
    skipped: [],
    relations: {},
    ambiguous: [],
    proposedPlaces: [],
    created: { City: 0, Partnership: 0, Agreement: 0, NewsItem: 0, Visit: 0 },
    items: [],
    seconds: 0,
  };
}

/** The news files `input` names: itself, or a folder's files with a news extension, sorted by name. */
export async function newsFiles(input: string): Promise<string[]> {
  if (!(await stat(input)).isDirectory()) return [input];
  const names = (await readdir(input, { withFileTypes: true }))
    .filter(
      (entry) => entry.isFile() && NEWS_EXTENSIONS.some((ext) => entry.name.toLowerCase().endsWith(ext)),
    )
    .map((entry) => entry.name)
    .sort();
  return names.map((name) => path.join(input, name));
}

interface ReadDocument {
  file: string;
  document: NewsDocument;
}

/** Every file's documents; a file that cannot be read as news is rejected with its reason. */
async function readDocuments(
  files: readonly string[],
  options: NewsImportOptions,
  report: NewsImportReport,
): Promise<ReadDocument[]> {
  const documents: ReadDocument[] = [];
  for (const file of files) {
    const name = path.basename(file);
    try {
      const content = new TextDecoder("utf-8", { fatal: true }).decode(await readFile(file));
      const read = readNewsInputs(content, {
        fileName: name,
        url: options.url ?? null,
        publishedOn: options.publishedOn ?? null,
        language: options.language ?? null,
      });
      for (const skipped of read.skipped) report.skipped.push({ file: name, ...skipped });
      if (read.documents.length === 0) throw new IngestError("it holds no entry with text", "NO_TEXT");
      for (const document of read.documents) documents.push({ file: name, document });
    } catch (error) {
      if (!(error instanceof IngestError || error instanceof TypeError)) throw error;
      // TextDecoder's TypeError is the one error here that is not an IngestError
      const reason = error instanceof IngestError ? error.message : "it is not UTF-8 text";
      report.rejected.push({ file: name, reason });
    }
  }
  return documents;
}

/**
 * Imports the news in a file or folder as one changeset. Returns the report; when any input was
 * rejected (or a plan refused by an entity's checks), nothing is written.
 */
export async function importNews(
  databases: Databases,
  input: string,
  options: NewsImportOptions = {},
): Promise<NewsImportReport> {
  const began = performance.now();
  const progress = options.progress ?? (() => {});
  const report = emptyNewsReport(input);
  const files = await newsFiles(input);
  report.files = files.length;
  if (files.length === 0)
    report.rejected.push({ file: path.basename(input), reason: "the folder holds no news file" });
  const documents = await readDocuments(files, options, report);
  report.documents = documents.length;
  if (report.rejected.length > 0) return finished(report, began);

  const gazetteer = options.gazetteer ?? loadGazetteer();
  const lookups = await openNewsLookups(databases, gazetteer);
  const planned: PlannedEdit[] = [];
  const step = Math.max(1, Math.min(50, Math.ceil(documents.length / 20)));
  for (const [index, { document }] of documents.entries()) {
    const hash = contentHash(document.text);
    // a run again is all duplicates: know them before the costly extraction
    const seen = await lookups.seenNews(document.url, hash);
    if (seen) addToReport(report, duplicateReport(document, seen));
    else {
      const extraction = await extractNews(document, lookups);
      const plan = await planNews(extraction, document, lookups);
      lookups.remember(plan, hash);
      planned.push(...plan.edits);
      addToReport(report, plan.report);
    }
    if ((index + 1) % step === 0 || index + 1 === documents.length)
      progress("news entries", index + 1, documents.length);
  }
  const edits = mergeEdits(planned);
  for (const refusal of await checkEdits(databases, edits))
    report.rejected.push({ file: "plan", reason: refusal });
  if (report.rejected.length > 0 || edits.length === 0) return finished(report, began);

  await writeGraph(databases, (writer) => writeNewsEdits(writer, edits, gazetteer), options);
  for (const edit of edits) report.created[edit.entity] += 1;
  return finished(report, began);
}

/** Progress as a line per step ("news entries: 120/500"): what a long run shows in a log, where no bar is drawn. */
export function lineProgress(stream: { write(text: string): unknown } = process.stderr): Progress {
  return (phase, done, total) => {
    stream.write(`${phase}: ${done}/${total}\n`);
  };
}

function duplicateReport(document: NewsDocument, duplicateOf: string): NewsReport {
  const empty = { relations: [], ambiguous: [], proposedPlaces: [] };
  return {
    newsItemId: duplicateOf,
    url: document.url,
    language: document.language ?? "und",
    duplicateOf,
    ...empty,
  };
}

function addToReport(report: NewsImportReport, item: NewsReport): void {
  report.items.push(item);
  if (item.duplicateOf) {
    report.duplicates.push({ url: item.url, duplicateOf: item.duplicateOf });
    return;
  }
  report.ingested += 1;
  for (const relation of item.relations)
    if (relation.kind !== "NONE")
      report.relations[relation.kind] = (report.relations[relation.kind] ?? 0) + 1;
  for (const place of item.ambiguous) report.ambiguous.push({ newsItemId: item.newsItemId, ...place });
  for (const place of item.proposedPlaces)
    if (!report.proposedPlaces.some((known) => known.geonameId === place.geonameId))
      report.proposedPlaces.push(place);
}

function finished(report: NewsImportReport, began: number): NewsImportReport {
  report.seconds = (performance.now() - began) / 1000;
  return report;
}

/** What a run did, for the command line: counts, then every rejection, skip, ambiguity and proposal. */
export function describeNewsImport(report: NewsImportReport): string {
  const lines = [
    `news import of ${report.input}: ${report.files} files, ${report.documents} documents, ` +
      `${report.ingested} ingested, ${report.duplicates.length} duplicates, ${report.rejected.length} rejected ` +
      `(${report.seconds.toFixed(1)} s)`,
  ];
  if (report.rejected.length > 0) {
    lines.push("  nothing was written: every input must be readable and every plan accepted");
    for (const { file, reason } of report.rejected) lines.push(`  rejected ${file}: ${reason}`);
    return lines.join("\n");
  }
  const created = Object.entries(report.created).filter(([, count]) => count > 0);
  lines.push(
    created.length > 0
      ? `  written in one changeset: ${created.map(([entity, count]) => `${count} ${entity}`).join(", ")}`
      : "  nothing written: the graph holds all of it",
  );
  const relations = Object.entries(report.relations).map(([kind, count]) => `${kind} ${count}`);
  lines.push(`  relations found: ${relations.length > 0 ? relations.join(", ") : "none"}`);
  for (const { url, duplicateOf } of report.duplicates)
    lines.push(`  duplicate${url ? ` ${url}` : ""}: already ingested as ${duplicateOf}`);
  for (const { file, url, reason } of report.skipped)
    lines.push(`  skipped in ${file}${url ? ` (${url})` : ""}: ${reason}`);
  for (const { newsItemId, text, candidates } of report.ambiguous)
    lines.push(
      `  ambiguous in ${newsItemId}: "${text}" could be ${candidates.map(describePlace).join("; ")}`,
    );
  for (const place of report.proposedPlaces) lines.push(`  new place from GeoNames: ${describePlace(place)}`);
  return lines.join("\n");
}

function describePlace(place: PlaceCandidate): string {
  const id = place.cityId ?? `GeoNames ${place.geonameId}`;
  return `${place.name} (${place.countryCode}, ${id}${place.population ? `, population ${place.population}` : ""})`;
}
