// The browser files `npm run build` writes to widget/dist/public (the widget, its map chunk, its demo
// page, the GraphiQL page, the review page and their assets), each beside its gzipped copy, and the list of them that
// the gateway reads at start. Node built-ins only: whoever serves the files needs no bundler.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** The built files' directory; from src (tests) and from dist (the built gateway) alike. */
export const BUILT_FILES_DIRECTORY = path.resolve(__dirname, "..", "dist", "public");
/** The list of files, written last by the build, so its presence means the build finished. */
export const BUILT_FILES_LIST = "files.json";

/** How a file may be cached: the script by a stable URL, chunks by a content hash, pages not at all. */
export type BuiltFileRole = "script" | "chunk" | "page";
/** Which page a file belongs to, so each is served under its own policy. */
export type BuiltBundle = "widget" | "graphiql" | "review";

/** One file as the list describes it. */
export interface BuiltFileEntry {
  /** the URL path it is served at */
  path: string;
  /** where it lies under the directory, relative, with "/" separators; a gzipped copy adds ".gz" */
  file: string;
  bundle: BuiltBundle;
  role: BuiltFileRole;
  contentType: string;
  /** strong ETag of the body, quoted: `"…"` */
  etag: string;
  /** bytes, raw and gzipped; fonts and images are already compressed and have no gzipped copy */
  size: number;
  gzippedSize: number | null;
}

export interface BuiltFilesList {
  /** sha256 hex of TWIN_PARTNERSHIPS.body: the persisted-query id the widget's script sends */
  operationHash: string;
  files: BuiltFileEntry[];
}

export interface BuiltFile extends BuiltFileEntry {
  body: Buffer;
  gzipped: Buffer | null;
}

export interface BuiltFiles {
  operationHash: string;
  files: BuiltFile[];
}

const BUILD_HINT = "run `npm run build` (or `node tools/build.cjs @twingraph/widget`) first";

/** Reads every built file and its gzipped copy; fails naming the build when they are missing or stale. */
export function readBuiltFiles(directory: string = BUILT_FILES_DIRECTORY): BuiltFiles {
  const listPath = path.join(directory, BUILT_FILES_LIST);
  if (!existsSync(listPath)) {
    throw new Error(`The widget's built files are missing (no ${listPath}): ${BUILD_HINT}.`);
  }
  const list = JSON.parse(readFileSync(listPath, "utf8")) as BuiltFilesList;
  return {
    operationHash: list.operationHash,
    files: list.files.map((entry) => readBuiltFile(directory, entry)),
  };
}

function readBuiltFile(directory: string, entry: BuiltFileEntry): BuiltFile {
  const filePath = path.join(directory, ...entry.file.split("/"));
  const body = readIfPresent(filePath);
  const gzipped = entry.gzippedSize === null ? null : readIfPresent(`${filePath}.gz`);
  if (
    body?.length !== entry.size ||
    gzipped === undefined ||
    (gzipped?.length ?? null) !== entry.gzippedSize
  ) {
    throw new Error(
      `The widget's built file ${filePath} is missing or does not match ${BUILT_FILES_LIST}: ${BUILD_HINT}.`,
    );
  }
  return { ...entry, body, gzipped };
}

function readIfPresent(filePath: string): Buffer | undefined {
  return existsSync(filePath) ? readFileSync(filePath) : undefined;
}
