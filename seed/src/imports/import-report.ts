// What every import shares: the report it ends with, the check of each row (a bad row is rejected
// with its position and reason, the others go on) and writes in steps that show progress.
import path from "node:path";
import { emptyGazetteerReport, type GazetteerReport, RowError } from "../places";
import type { ImportRow } from "./import-file";

export type ImportKind = "pairs" | "wikidata" | "projects";

/** Called as rows are checked and records written: a progress bar on a terminal. */
export type Progress = (phase: string, done: number, total: number) => void;

export interface Rejection {
  /** the file line for CSV (the header is line 1), the result's position for JSON */
  row: number;
  reason: string;
}

export interface ImportReport<RecordType extends string> {
  kind: ImportKind;
  /** the file's name */
  file: string;
  /** what a rejection's row number counts */
  rowsAre: "lines" | "results";
  rowsRead: number;
  /** rowsRead = rowsImported + duplicateRows + rejected.length */
  rowsImported: number;
  /** rows that say again what an earlier row of the file said */
  duplicateRows: number;
  rejected: Rejection[];
  /** records new to the graph, by type */
  created: Record<RecordType, number>;
  /** records the graph had, which gained this file's sources and what they lacked */
  merged: Record<RecordType, number>;
  /** how the file's new places fared in the gazetteer */
  gazetteer: GazetteerReport;
}

export function emptyReport<RecordType extends string>(
  kind: ImportKind,
  file: string,
  rowsAre: "lines" | "results",
  recordTypes: readonly RecordType[],
): ImportReport<RecordType> {
  const zeros = () => Object.fromEntries(recordTypes.map((type) => [type, 0])) as Record<RecordType, number>;
  return {
    kind,
    file: path.basename(file),
    rowsAre,
    rowsRead: 0,
    rowsImported: 0,
    duplicateRows: 0,
    rejected: [],
    created: zeros(),
    merged: zeros(),
    gazetteer: emptyGazetteerReport(),
  };
}

export type RowOutcome = "imported" | "duplicate";

/**
 * Checks every row with `check`. A row with a shape fault or a RowError is rejected with its
 * position and reason; any other error is a bug and stops the import before anything is written.
 */
export function checkRows<Column extends string>(
  rows: readonly ImportRow<Column>[],
  report: ImportReport<string>,
  progress: Progress,
  check: (row: ImportRow<Column>) => RowOutcome,
): void {
  report.rowsRead = rows.length;
  rows.forEach((row, index) => {
    try {
      if (row.fault) throw new RowError(row.fault);
      if (check(row) === "duplicate") report.duplicateRows += 1;
      else report.rowsImported += 1;
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      report.rejected.push({ row: row.position, reason: error.message });
    }
    if ((index + 1) % 1000 === 0) progress("checking rows", index + 1, rows.length);
  });
  progress("checking rows", rows.length, rows.length);
}

/** Writes in steps of a few thousand records, reporting progress after each. */
export async function writeInSteps<T>(
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
