// The build of the browser files: the widget's script with the operation's hash, the map chunk it
// loads lazily, the demo page, the GraphiQL page and its assets, the review page and its assets; each
// file's sizes, gzipped copy and ETag; and reading them back as the gateway does, with a clear error
// when they are missing.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeBrowserFiles } from "../src/build/browser-files";
import { DOSSIER_VARIABLES } from "../src/graphiql/dossier";
import { type BuiltFile, type BuiltFiles, readBuiltFiles, sha256Hex, TWIN_PARTNERSHIPS } from "../src/index";

let directory: string;
let written: BuiltFiles;
let build: BuiltFiles;
beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), "twin-browser-files-"));
  written = await writeBrowserFiles(directory);
  build = readBuiltFiles(directory);
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function file(predicate: (candidate: BuiltFile) => boolean): BuiltFile {
  const found = build.files.find(predicate);
  if (!found) throw new Error("no such file in the build");
  return found;
}

const text = (candidate: BuiltFile) => candidate.body.toString("utf8");
const script = () => file((candidate) => candidate.path === "/widget.js");
const chunk = () => file((candidate) => candidate.bundle === "widget" && candidate.role === "chunk");
const graphiqlPage = () => file((candidate) => candidate.path === "/");
const graphiqlAsset = (extension: string) =>
  file((candidate) => candidate.bundle === "graphiql" && candidate.path.endsWith(`.${extension}`));

describe("the widget's files", () => {
  it("injects the sha256 of the operation's exact text, and the text for registering it", () => {
    const hash = sha256Hex(TWIN_PARTNERSHIPS.body);
    expect(build.operationHash).toBe(hash);
    expect(text(script())).toContain(`"${hash}"`);
    expect(text(script())).toContain(TWIN_PARTNERSHIPS.body);
    expect(text(script())).not.toContain("__TWIN_PARTNERSHIPS_SHA256__");
  });

  it("bundles an ES module that loads the map's outlines as a chunk beside it", () => {
    expect(script().role).toBe("script");
    expect(script().contentType).toBe("text/javascript; charset=utf-8");
    const chunkPath = chunk().path;
    expect(chunkPath).toMatch(/^\/widget\/world-geometry-[A-Z0-9]+\.js$/);
    expect(text(script())).toContain(`import(".${chunkPath}")`);
    expect(text(chunk())).toContain("Natural Earth");
    expect(text(chunk())).toMatch(/M\d+ \d+l-?\d/);
  });

  it("leaves the build-time code out of the browser's scripts, which need no eval", () => {
    const scripts = build.files.filter((item) => item.contentType.startsWith("text/javascript"));
    expect(scripts.length).toBe(4);
    for (const candidate of scripts) {
      expect(text(candidate)).not.toContain("topojson");
      expect(text(candidate)).not.toContain("require(");
      expect(text(candidate)).not.toMatch(/\beval\(|new Function\(/);
    }
  });

  it("serves the demo page from widget/demo, loading the script as a portal would", () => {
    const page = file((candidate) => candidate.path === "/widget/");
    expect(page.contentType).toBe("text/html; charset=utf-8");
    expect(text(page)).toContain('<script src="/widget.js" type="module"></script>');
    expect(file((candidate) => candidate.path === "/widget/demo.css").role).toBe("page");
  });
});

describe("the GraphiQL page's files", () => {
  it("puts the page at / loading its script and styles by content-hashed names under /graphiql/", () => {
    const page = graphiqlPage();
    expect(page.role).toBe("page");
    expect(page.contentType).toBe("text/html; charset=utf-8");
    for (const asset of [graphiqlAsset("js"), graphiqlAsset("css")]) {
      expect(asset.path).toMatch(/^\/graphiql\/graphiql-[\w-]{12}\.(js|css)$/);
      expect(asset.role).toBe("chunk");
      expect(text(page)).toContain(`"${asset.path.slice(1)}"`);
    }
    expect(text(page)).toContain('<div id="graphiql">');
  });

  it("bundles GraphiQL and React for production, opening on the dossier with its variables", () => {
    const bundle = text(graphiqlAsset("js"));
    expect(bundle).toContain("partnershipBetween(cityIds: [$a, $b])");
    expect(bundle).toContain(DOSSIER_VARIABLES);
    expect(bundle).toContain("graphiql-container");
    expect(bundle).not.toContain("process.env.NODE_ENV");
    expect(bundle).not.toMatch(/from\s*["']react["']/);
  });

  it("moves the stylesheet's inlined fonts and images into files beside it", () => {
    const sheet = text(graphiqlAsset("css"));
    expect(sheet).not.toContain("data:");
    const referenced = [...sheet.matchAll(/url\(([^)]+)\)/g)].map((match) => `/graphiql/${match[1]}`);
    expect(referenced.length).toBeGreaterThan(20);
    const paths = new Set(build.files.map((item) => item.path));
    for (const asset of referenced) expect(paths).toContain(asset);
    const font = graphiqlAsset("woff2");
    expect(font.contentType).toBe("font/woff2");
    expect(font.body.subarray(0, 4).toString("latin1")).toBe("wOF2");
    expect(font.gzipped).toBeNull();
  });
});

describe("the review page's files", () => {
  const reviewAsset = (extension: string) =>
    file((candidate) => candidate.bundle === "review" && candidate.path.endsWith(`.${extension}`));

  it("puts the page at /review loading its script and styles by content-hashed names under /review/", () => {
    const page = file((candidate) => candidate.path === "/review");
    expect(page.role).toBe("page");
    expect(page.contentType).toBe("text/html; charset=utf-8");
    for (const asset of [reviewAsset("js"), reviewAsset("css")]) {
      expect(asset.path).toMatch(/^\/review\/review-[\w-]{12}\.(js|css)$/);
      expect(asset.role).toBe("chunk");
      expect(text(page)).toContain(`"${asset.path.slice(1)}"`);
    }
    expect(text(page)).toContain('<div id="review">');
  });

  it("bundles its operations and styles with nothing loaded from elsewhere", () => {
    const script = text(reviewAsset("js"));
    expect(script).toContain("applyChangeset(id: $id, comment: $comment)");
    expect(script).toContain("sessionStorage");
    const sheet = text(reviewAsset("css"));
    expect(sheet).toContain(".diff");
    for (const body of [script, sheet]) {
      expect(body).not.toMatch(/https?:\/\/|url\(|@import/);
    }
  });
});

describe("writing and reading the built files", () => {
  it("reads back what was written, each gzipped copy unzipping to its body", () => {
    expect(build.files.map((item) => item.path)).toEqual(written.files.map((item) => item.path));
    for (const item of build.files) {
      expect(item.size).toBe(item.body.length);
      if (item.gzipped === null) continue;
      expect(item.gzippedSize).toBe(item.gzipped.length);
      expect(gunzipSync(item.gzipped).equals(item.body)).toBe(true);
    }
    expect(chunk().gzippedSize).toBeLessThan(chunk().size / 2);
  });

  it("gives each file a strong ETag from its content", () => {
    const etags = build.files.map((item) => item.etag);
    for (const etag of etags) expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect(new Set(etags).size).toBe(etags.length);
  });

  it("fails naming the build when the files are missing or do not match their list", () => {
    const empty = mkdtempSync(path.join(tmpdir(), "twin-browser-files-empty-"));
    try {
      expect(() => readBuiltFiles(empty)).toThrow(/built files are missing .*`npm run build`/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    writeFileSync(path.join(directory, "widget.js"), "truncated");
    expect(() => readBuiltFiles(directory)).toThrow(
      /widget\.js is missing or does not match .*`npm run build`/,
    );
  });
});
