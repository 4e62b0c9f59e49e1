// Bundles the query page: GraphiQL with React as one minified ES module, its styles as one sheet
// whose inlined fonts and images become files of their own (so the page's policy can refuse data:
// URLs and the browser fetches only the font subsets it uses), and the page at "/" that loads them.
// Every asset is named by its content hash, so all but the page are cacheable for good.
import path from "node:path";
import { build } from "esbuild";
import type { BuiltFile } from "../built-files";
import { builtFile, contentHash, type FileKind } from "./built-file";

const PACKAGE_ROOT = path.resolve(__dirname, "..", "..");
const PAGE_ENTRY = path.join(PACKAGE_ROOT, "src", "graphiql", "graphiql-page.ts");
const VIRTUAL_OUT_DIRECTORY = path.join(PACKAGE_ROOT, ".graphiql-out");
/** Where the assets are served, relative to the page at "/" */
const ASSET_DIRECTORY = "graphiql";
const HASH_LENGTH = 12;

const DATA_URL = /url\((["']?)data:(font\/woff2|font\/woff|image\/png);base64,([A-Za-z0-9+/=]+)\1\)/g;
const KIND_OF_MEDIA_TYPE: Record<string, FileKind> = {
  "font/woff2": "woff2",
  "font/woff": "woff",
  "image/png": "png",
};

export async function bundleGraphiql(): Promise<BuiltFile[]> {
  const result = await build({
    entryPoints: { graphiql: PAGE_ENTRY },
    bundle: true,
    format: "esm",
    minify: true,
    target: "es2022",
    charset: "utf8",
    legalComments: "eof",
    outdir: VIRTUAL_OUT_DIRECTORY,
    entryNames: "[name]",
    write: false,
    logLevel: "silent",
    tsconfig: path.join(PACKAGE_ROOT, "tsconfig.browser.json"),
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
  });
  const output = (extension: string): string => {
    const file = result.outputFiles.find((candidate) => candidate.path.endsWith(`graphiql.${extension}`));
    if (!file) throw new Error(`esbuild wrote no graphiql.${extension} for the query page`);
    return file.text;
  };
  const assets = extractDataUrls(output("css"));
  const script = asset("graphiql", "js", Buffer.from(output("js")));
  const sheet = asset("graphiql", "css", Buffer.from(assets.css));
  return [page(script, sheet), script, sheet, ...assets.files];
}

/** Moves base64 fonts and images out of the sheet into files beside it, referenced relatively. */
function extractDataUrls(css: string): { css: string; files: BuiltFile[] } {
  const files = new Map<string, BuiltFile>();
  const rewritten = css.replace(DATA_URL, (_match, _quote: string, mediaType: string, base64: string) => {
    const kind = KIND_OF_MEDIA_TYPE[mediaType] as FileKind;
    const file = asset(kind === "png" ? "image" : "font", kind, Buffer.from(base64, "base64"));
    files.set(file.path, file);
    return `url(${path.posix.basename(file.file)})`;
  });
  return { css: rewritten, files: [...files.values()] };
}

function asset(name: string, kind: FileKind, body: Buffer): BuiltFile {
  const file = `${ASSET_DIRECTORY}/${name}-${contentHash(body, HASH_LENGTH)}.${kind}`;
  return builtFile({ path: `/${file}`, file, bundle: "graphiql", role: "chunk", kind }, body);
}

function page(script: BuiltFile, sheet: BuiltFile): BuiltFile {
  const html = /* HTML */ `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>twingraph · GraphiQL</title>
<link rel="stylesheet" href="${sheet.file}">
<script src="${script.file}" type="module"></script>
</head>
<body>
<div id="graphiql">
<noscript><p>One GraphQL graph of city partnerships. This page needs JavaScript; without it, POST queries
to <code>/graphql</code>. The schema is in <code>schema/supergraph.graphql</code>.</p></noscript>
</div>
</body>
</html>
`;
  return builtFile(
    { path: "/", file: "index.html", bundle: "graphiql", role: "page", kind: "html" },
    Buffer.from(html),
  );
}
