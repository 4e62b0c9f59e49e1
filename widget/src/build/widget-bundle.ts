// Bundles the partnership widget: the browser code as one ES module plus a lazily loaded chunk of map
// outlines, minified, with the persisted operation's hash compiled in; and its demo page beside them.
import { readFileSync } from "node:fs";
import path from "node:path";
import { build, type OutputFile, type Plugin } from "esbuild";
import type { BuiltFile } from "../built-files";
import { worldGeometryModule } from "../world-geometry";
import { builtFile, type FileKind } from "./built-file";

const PACKAGE_ROOT = path.resolve(__dirname, "..", "..");
const BROWSER_ENTRY = path.join(PACKAGE_ROOT, "src", "browser", "twin-partnerships-element.ts");
const DEMO_DIRECTORY = path.join(PACKAGE_ROOT, "demo");
/** esbuild lays out chunks under an output directory; nothing is written there (write: false) */
const VIRTUAL_OUT_DIRECTORY = path.join(PACKAGE_ROOT, ".widget-out");

const DEMO_FILES: readonly { path: string; file: string; kind: FileKind }[] = [
  { path: "/widget/", file: "widget/index.html", kind: "html" },
  { path: "/widget/demo.css", file: "widget/demo.css", kind: "css" },
];

export async function bundleWidget(operationHash: string): Promise<BuiltFile[]> {
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
  return result.outputFiles.map(scriptFile);
}

export function demoPages(): BuiltFile[] {
  return DEMO_FILES.map((spec) =>
    builtFile(
      { ...spec, bundle: "widget", role: "page" },
      readFileSync(path.join(DEMO_DIRECTORY, path.basename(spec.file))),
    ),
  );
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

function scriptFile(output: OutputFile): BuiltFile {
  const relative = path.relative(VIRTUAL_OUT_DIRECTORY, output.path).split(path.sep).join("/");
  return builtFile(
    {
      path: `/${relative}`,
      file: relative,
      bundle: "widget",
      role: relative === "widget.js" ? "script" : "chunk",
      kind: "js",
    },
    Buffer.from(output.contents),
  );
}
