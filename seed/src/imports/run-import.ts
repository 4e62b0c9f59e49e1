// One import as `npm run import` runs it: the file, then the distances of new partnerships, then
// the data version moved on when the import touched any record (created, or merged, which may add
// sources), so the gateway's cached answers give way. A file refused whole moves nothing.
import type { DataVersion } from "@twingraph/kit/http";
import type { Databases } from "../databases";
import { measurePartnerships } from "../distances";
import type { ImportReport, Progress } from "./import-report";
import type { ImportCommand } from "./index";

export interface RunImportOptions {
  progress?: Progress;
  dataVersion: DataVersion;
}

export async function runImport(
  command: ImportCommand,
  databases: Databases,
  file: string,
  options: RunImportOptions,
): Promise<ImportReport<string>> {
  const report = await command.run(databases, file, options.progress ?? (() => {}));
  // network queries read each partnership's stored distance: new partnerships and newly located
  // cities need theirs
  const remeasured = await measurePartnerships(databases);
  if (remeasured > 0 || changedRecords(report) > 0) await options.dataVersion.advance();
  return report;
}

function changedRecords(report: ImportReport<string>): number {
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, n) => total + n, 0);
  return sum(report.created) + sum(report.merged);
}
