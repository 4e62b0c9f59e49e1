// One browser file as the build makes it: its body, its gzipped copy if gzip helps, and a strong ETag
// from its content.
import { createHash } from "node:crypto";
import { constants, gzipSync } from "node:zlib";
import type { BuiltBundle, BuiltFile, BuiltFileRole } from "../built-files";

export const CONTENT_TYPES = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  html: "text/html; charset=utf-8",
  woff2: "font/woff2",
  woff: "font/woff",
  png: "image/png",
} as const;

export type FileKind = keyof typeof CONTENT_TYPES;

/** Text compresses; woff, woff2 and png are compressed already, and gzip would only add bytes. */
const COMPRESSIBLE: ReadonlySet<FileKind> = new Set(["js", "css", "html"]);

export interface FileSpec {
  /** the URL path it is served at */
  path: string;
  /** where it lies under the output directory, relative, with "/" separators */
  file: string;
  bundle: BuiltBundle;
  role: BuiltFileRole;
  kind: FileKind;
}

export function builtFile({ kind, ...spec }: FileSpec, body: Buffer): BuiltFile {
  const gzipped = COMPRESSIBLE.has(kind) ? gzipSync(body, { level: constants.Z_BEST_COMPRESSION }) : null;
  return {
    ...spec,
    contentType: CONTENT_TYPES[kind],
    etag: `"${contentHash(body, 32)}"`,
    size: body.length,
    gzippedSize: gzipped?.length ?? null,
    body,
    gzipped,
  };
}

/** base64url of the sha256, cut to `length` characters: for ETags and file names alike. */
export function contentHash(body: Buffer | string, length: number): string {
  return createHash("sha256").update(body).digest("base64url").slice(0, length);
}
