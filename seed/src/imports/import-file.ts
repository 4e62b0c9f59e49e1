// Reading an import file into rows, or refusing it whole: a file that is not UTF-8, lacks a column,
// is cut off or is not valid CSV or JSON changes nothing, and the message says what is wrong where.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { CsvError, parse } from "csv-parse/sync";

/** A fault of the whole file: nothing of it is imported. */
export class ImportFileError extends Error {}

/** One row of a file, its values under the importer's column names. */
export interface ImportRow<Column extends string> {
  /** CSV: the file line the row starts on (the header is line 1); JSON: the result's position from 1 */
  position: number;
  values: Record<Column, string>;
  /** a fault of the row's shape, found while reading: the row is rejected with it */
  fault?: string;
}

/** Between them, required and optional name every column, each with the header names it goes by. */
export interface Columns<Column extends string> {
  /** header names are compared without case, spaces or punctuation: "Partner name" = "partner_name" */
  required: Partial<Record<Column, readonly string[]>>;
  optional?: Partial<Record<Column, readonly string[]>>;
}

/** The file as text, when it is UTF-8; a byte order mark is dropped. */
export async function readTextFile(file: string): Promise<string> {
  const bytes = await readFile(file);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError(
      `${path.basename(file)} is not UTF-8 text (first bad byte on line ${lineOfFirstBadByte(bytes)}); ` +
        "save it as UTF-8 and import it again.",
    );
  }
}

function lineOfFirstBadByte(bytes: Uint8Array): number {
  const text = new TextDecoder("utf-8").decode(bytes);
  const bad = text.indexOf("\uFFFD");
  return text.slice(0, Math.max(bad, 0)).split("\n").length;
}

/** Header names compared as people vary them: "Partner name", "partner_name", "PARTNER NAME". */
export function headerKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Which header position holds each column; a file that lacks a required column is refused. */
export function locateColumns<Column extends string>(
  header: readonly string[],
  columns: Columns<Column>,
  file: string,
): Map<Column, number> {
  const positions = new Map(header.map((name, index) => [headerKey(name), index]));
  const located = new Map<Column, number>();
  const missing: string[] = [];
  const find = (names: readonly string[]) =>
    names.map((name) => positions.get(headerKey(name))).find((index) => index !== undefined);
  for (const [column, names] of entries(columns.required)) {
    const index = find(names);
    if (index === undefined) missing.push(names[0]);
    else located.set(column, index);
  }
  if (missing.length > 0)
    throw new ImportFileError(
      `${path.basename(file)} lacks the column(s) ${missing.join(", ")}; its header is: ${header.join(",")}`,
    );
  for (const [column, names] of entries(columns.optional ?? {})) {
    const index = find(names);
    if (index !== undefined) located.set(column, index);
  }
  return located;
}

function entries<Column extends string>(
  columns: Partial<Record<Column, readonly string[]>>,
): [Column, readonly string[]][] {
  return Object.entries(columns) as [Column, readonly string[]][];
}

interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * The CSV's rows under the importer's columns. A record with fewer fields than the header is a
 * row fault, except at the very end of a file that does not end with a line break: that file was
 * cut off mid-row.
 */
export function csvRows<Column extends string>(
  text: string,
  columns: Columns<Column>,
  file: string,
): ImportRow<Column>[] {
  const [header, ...records] = parseCsv(text, file);
  if (!header) throw new ImportFileError(`${path.basename(file)} is empty: it has no header line.`);
  const located = locateColumns(header.fields, columns, file);
  const last = records[records.length - 1];
  if (last && last.fields.length < header.fields.length && !/[\r\n]$/.test(text))
    throw new ImportFileError(
      `${path.basename(file)} ends in the middle of line ${last.line} (${last.fields.length} of ` +
        `${header.fields.length} fields, no line break at the end): it looks cut off.`,
    );
  const names = [...Object.keys(columns.required), ...Object.keys(columns.optional ?? {})] as Column[];
  return records.map(({ line, fields }) => ({
    position: line,
    values: valuesOf(fields, names, located),
    fault: shapeFault(fields, header.fields.length),
  }));
}

function parseCsv(text: string, file: string): CsvRecord[] {
  // csv-parse counts a CR LF inside a quoted field as two lines; one kind of line break keeps its
  // line numbers right
  const normalised = text.replace(/\r\n?/g, "\n");
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    // with `info` each record comes with where it ends; the typings know only plain records
    parsed = parse(normalised, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    if (error instanceof CsvError && error.code === "CSV_QUOTE_NOT_CLOSED")
      throw new ImportFileError(
        `${path.basename(file)} ends inside a quoted field opened on or before line ${error.lines}: it looks cut off.`,
      );
    throw new ImportFileError(`${path.basename(file)} is not valid CSV: ${(error as Error).message}`);
  }
  return parsed
    .filter(({ record }) => record.some((field) => field.trim() !== ""))
    .map(({ record, info }) => ({
      // info.lines is the line the record ends on; quoted line breaks inside it go back to its start
      line: info.lines - record.reduce((breaks, field) => breaks + countBreaks(field), 0),
      fields: record,
    }));
}

function countBreaks(field: string): number {
  let count = 0;
  for (const character of field) if (character === "\n") count += 1;
  return count;
}

/** Every column's value, trimmed; "" for an optional column the file does not have. */
function valuesOf<Column extends string>(
  fields: readonly string[],
  columns: readonly Column[],
  located: ReadonlyMap<Column, number>,
): Record<Column, string> {
  const values = {} as Record<Column, string>;
  for (const column of columns) {
    const index = located.get(column);
    values[column] = index === undefined ? "" : (fields[index] ?? "").trim();
  }
  return values;
}

/** Spreadsheets pad rows with empty fields; values past the header or missing fields are faults. */
function shapeFault(fields: readonly string[], width: number): string | undefined {
  if (fields.length < width) return `the row has ${fields.length} fields, the header ${width}`;
  if (fields.slice(width).some((field) => field.trim() !== ""))
    return `the row has ${fields.length} fields, the header ${width}`;
  return undefined;
}

/** JSON.parse, or a refusal that says whether the JSON breaks off before its end or within it. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = Number(/at position (\d+)/.exec(message)?.[1] ?? Number.NaN);
    const cut = /end of JSON input|Unterminated string/.test(message) || position >= text.trimEnd().length;
    throw new ImportFileError(
      `${path.basename(file)} is not valid JSON${cut ? " (it ends too early: cut off?)" : ""}: ${message}`,
    );
  }
}

/**
 * Rows of a JSON file that holds one flat object per row, under the given header (the names the
 * objects use); a value may also be a SPARQL binding, { type, value }.
 */
export function objectRows<Column extends string>(
  header: readonly string[],
  objects: readonly Record<string, unknown>[],
  columns: Columns<Column>,
  file: string,
): ImportRow<Column>[] {
  const located = locateColumns(header, columns, file);
  const names = [...Object.keys(columns.required), ...Object.keys(columns.optional ?? {})] as Column[];
  return objects.map((object, index) => ({
    position: index + 1,
    values: valuesOf(
      header.map((name) => textOf(object[name])),
      names,
      located,
    ),
  }));
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && "value" in value) return textOf(value.value);
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}
