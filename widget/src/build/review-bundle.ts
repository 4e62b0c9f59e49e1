// Bundles the review page: its plain-DOM script as one minified ES module and its styles as one
// sheet, both named by their content hash under /review/, and the page at /review that loads them.
import path from "node:path";
import { build } from "esbuild";
import type { BuiltFile } from "../built-files";
import { builtFile, contentHash, type FileKind } from "./built-file";

const PACKAGE_ROOT = path.resolve(__dirname, "..", "..");
const PAGE_ENTRY = path.join(PACKAGE_ROOT, "src", "review", "review-page.ts");
const VIRTUAL_OUT_DIRECTORY = path.join(PACKAGE_ROOT, ".review-out");
/** Where the assets are served, relative to the page at "/review" (whose base is "/") */
const ASSET_DIRECTORY = "review";
const HASH_LENGTH = 12;

export async function bundleReview(): Promise<BuiltFile[]> {
  const result = await build({
    entryPoints: { review: PAGE_ENTRY },
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
  });
  const output = (extension: string): Buffer => {
    const file = result.outputFiles.find((candidate) => candidate.path.endsWith(`review.${extension}`));
    if (!file) throw new Error(`esbuild wrote no review.${extension} for the review page`);
    return Buffer.from(file.contents);
  };
  const script = asset("js", output("js"));
  const sheet = asset("css", output("css"));
  return [page(script, sheet), script, sheet];
}

function asset(kind: FileKind, body: Buffer): BuiltFile {
  const file = `${ASSET_DIRECTORY}/review-${contentHash(body, HASH_LENGTH)}.${kind}`;
  return builtFile({ path: `/${file}`, file, bundle: "review", role: "chunk", kind }, body);
}

function page(script: BuiltFile, sheet: BuiltFile): BuiltFile {
  const html = /* HTML */ `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>twingraph · review</title>
<link rel="stylesheet" href="${sheet.file}">
<script src="${script.file}" type="module"></script>
</head>
<body>
<div id="review">
<noscript><p>The review page needs JavaScript. Without it, review changesets with GraphQL at
<code>/graphql</code> (<code>changesets</code>, <code>applyChangeset</code>, <code>rejectChangeset</code>),
sending your token as <code>Authorization: Bearer …</code>; see docs/editing.md.</p></noscript>
</div>
</body>
</html>
`;
  return builtFile(
    { path: "/review", file: "review.html", bundle: "review", role: "page", kind: "html" },
    Buffer.from(html),
  );
}
