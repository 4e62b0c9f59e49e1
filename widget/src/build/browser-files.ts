// Builds every browser file the gateway serves (the widget, its demo page, the GraphiQL query page,
// the review page) and writes them, text with a gzipped copy, under widget/dist/public with the list
// the gateway reads.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  BUILT_FILES_DIRECTORY,
  BUILT_FILES_LIST,
  type BuiltFiles,
  type BuiltFilesList,
} from "../built-files";
import { sha256Hex } from "../hash";
import { TWIN_PARTNERSHIPS } from "../operations";
import { bundleGraphiql } from "./graphiql-bundle";
import { bundleReview } from "./review-bundle";
import { bundleWidget, demoPages } from "./widget-bundle";

export async function buildBrowserFiles(): Promise<BuiltFiles> {
  const operationHash = sha256Hex(TWIN_PARTNERSHIPS.body);
  const [widget, graphiql, review] = await Promise.all([
    bundleWidget(operationHash),
    bundleGraphiql(),
    bundleReview(),
  ]);
  return { operationHash, files: [...widget, ...demoPages(), ...graphiql, ...review] };
}

/** Replaces the directory's contents; the list is written last, so a half-written build is not read. */
export async function writeBrowserFiles(directory: string = BUILT_FILES_DIRECTORY): Promise<BuiltFiles> {
  const built = await buildBrowserFiles();
  rmSync(directory, { recursive: true, force: true });
  for (const file of built.files) {
    const target = path.join(directory, ...file.file.split("/"));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.body);
    if (file.gzipped) writeFileSync(`${target}.gz`, file.gzipped);
  }
  const list: BuiltFilesList = {
    operationHash: built.operationHash,
    files: built.files.map(({ body: _body, gzipped: _gzipped, ...entry }) => entry),
  };
  writeFileSync(path.join(directory, BUILT_FILES_LIST), `${JSON.stringify(list, null, 2)}\n`);
  return built;
}
