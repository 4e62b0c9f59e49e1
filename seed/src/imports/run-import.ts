// One import as `npm run import` runs it: the file written through writeGraph, which then measures
// the distances of new partnerships and moves the revisions (and the Redis data version) on, so
// gateways' cached answers give way. A file refused whole writes nothing and moves nothing.
import type { Databases } from "../databases";
import { type WriteGraphOptions, writeGraph } from "../write-graph";
import type { ImportReport, Progress } from "./import-report";
import type { ImportCommand } from "./index";

export interface RunImportOptions extends WriteGraphOptions {
  progress?: Progress;
}

export function runImport(
  command: ImportCommand,
  databases: Databases,
  file: string,
  options: RunImportOptions = {},
): Promise<ImportReport<string>> {
  const progress = options.progress ?? (() => {});
  return writeGraph(databases, (writer) => command.write(writer, file, progress), options);
}
