// Bundles the widget for the gateway to serve: the browser code as one ES module plus a lazily
// loaded chunk of map outlines, minified in memory, each file with its gzipped body and ETag; the
// demo page beside them. Runs from src (tests) and from dist (the built gateway) alike.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { constants, gzipSync } from "node:zlib";
import { build, type OutputFile, type Plugin } from "esbuild";
import { TWIN_PARTNERSHIPS } from "./operations";
import { worldGeometryModule } from "./world-geometry";

const PACKAGE_ROOT = path.resolve(__dirname, "..");
const BROWSER_ENTRY = path.join(PACKAGE_ROOT, "src", "browser", "twin-partnerships-element.ts");
const DEMO_DIRECTORY = path.join(PACKAGE_ROOT, "demo");
/** esbuild lays out chunks under an output directory; nothing is written there (write: false) */
const VIRTUAL_OUT_DIRECTORY = path.join(PACKAGE_ROOT, ".widget-out");

/** How a file may be cached: the script by a stable URL, chunks by a content hash, pages not at all. */
export type WidgetFileRole = "script" | "chunk" | "page";

export interface WidgetFile {
  /** the URL path it is served at */
  path: string;
  role: WidgetFileRole;
  contentType: string;
  body: Buffer;
  gzipped: Buffer;
  /** strong ETag of the body, quoted: `"…"` */
  etag: string;
}

export interface WidgetFileSize {
  path: string;
  raw: number;
  gzipped: number;
}

export interface WidgetBuild {
  files: WidgetFile[];
  sizes: WidgetFileSize[];
  /** sha256 hex of TWIN_PARTNERSHIPS.body: the persisted-query id the script sends */
  operationHash: string;
}

const JAVASCRIPT = "text/javascript; charset=utf-8";
const DEMO_FILES = [
  { path: "/widget/", file: "index.html", contentType: "text/html; charset=utf-8" },
  { path: "/widget/demo.css", file: "demo.css", contentType: "text/css; charset=utf-8" },
] as const;

export function sha256Hex(text: string | Uint8Array): string {
  return createHash("sha256").update(text).digest("hex");
}

export async function buildWidget(): Promise<WidgetBuild> {
  const operationHash = sha256Hex(TWIN_PARTNERSHIPS.body);
  const result = await build({
    entryPoints: { widget: BROWSER_ENTRY },
    bundle: true,
    format: "esm",
    splitting: true,
    minify: true,
    target: "es2022",
    charset: "utf8",
    legalComments: "inline",
    outdir: VIRTUAL_OUT_DIRECTORY,
    entryNames: "[name]",
    chunkNames: "widget/[name]-[hash]",
    write: false,
    logLevel: "silent",
    tsconfig: path.join(PACKAGE_ROOT, "tsconfig.browser.json"),
    define: { __TWIN_PARTNERSHIPS_SHA256__: JSON.stringify(operationHash) },
    plugins: [worldGeometryPlugin()],
  });
  const scripts = result.outputFiles.map(scriptFile);
  const pages = DEMO_FILES.map(({ path: urlPath, file, contentType }) =>
    widgetFile(urlPath, "page", contentType, readFileSync(path.join(DEMO_DIRECTORY, file))),
  );
  const files = [...scripts, ...pages];
  return {
    files,
    sizes: files.map((file) => ({ path: file.path, raw: file.body.length, gzipped: file.gzipped.length })),
    operationHash,
  };
}

/** `import("./world-geometry")` gets the outlines generated from world-atlas, not a file on disk. */
function worldGeometryPlugin(): Plugin {
  const namespace = "twin-world-geometry";
  return {
    name: namespace,
    setup(esbuild) {
      esbuild.onResolve({ filter: /^\.\/world-geometry$/ }, () => ({ path: "world-geometry", namespace }));
      esbuild.onLoad({ filter: /.*/, namespace }, () => ({ contents: worldGeometryModule(), loader: "js" }));
    },
  };
}

function scriptFile(output: OutputFile): WidgetFile {
  const relative = path.relative(VIRTUAL_OUT_DIRECTORY, output.path).split(path.sep).join("/");
  const role = relative === "widget.js" ? "script" : "chunk";
  return widgetFile(`/${relative}`, role, JAVASCRIPT, Buffer.from(output.contents));
}

function widgetFile(urlPath: string, role: WidgetFileRole, contentType: string, body: Buffer): WidgetFile {
  return {
    path: urlPath,
    role,
    contentType,
    body,
    gzipped: gzipSync(body, { level: constants.Z_BEST_COMPRESSION }),
    etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`,
  };
}
