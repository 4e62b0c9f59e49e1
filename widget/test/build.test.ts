// The widget's build: the script with the operation's hash, the map chunk it loads lazily, the demo
// page, and each file's sizes, gzipped body and ETag.
import { gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { buildWidget, sha256Hex, TWIN_PARTNERSHIPS, type WidgetBuild, type WidgetFile } from "../src/index";

let build: WidgetBuild;
beforeAll(async () => {
  build = await buildWidget();
});

function file(predicate: (candidate: WidgetFile) => boolean): WidgetFile {
  const found = build.files.find(predicate);
  if (!found) throw new Error("no such file in the build");
  return found;
}

const script = () => file((candidate) => candidate.path === "/widget.js");
const chunk = () => file((candidate) => candidate.role === "chunk");

describe("buildWidget", () => {
  it("injects the sha256 of the operation's exact text, and the text for registering it", () => {
    const hash = sha256Hex(TWIN_PARTNERSHIPS.body);
    expect(build.operationHash).toBe(hash);
    const text = script().body.toString("utf8");
    expect(text).toContain(`"${hash}"`);
    expect(text).toContain(TWIN_PARTNERSHIPS.body);
    expect(text).not.toContain("__TWIN_PARTNERSHIPS_SHA256__");
  });

  it("bundles an ES module that loads the map's outlines as a chunk beside it", () => {
    const text = script().body.toString("utf8");
    expect(script().role).toBe("script");
    expect(script().contentType).toBe("text/javascript; charset=utf-8");
    const chunkPath = chunk().path;
    expect(chunkPath).toMatch(/^\/widget\/world-geometry-[A-Z0-9]+\.js$/);
    expect(text).toContain(`import(".${chunkPath}")`);
    const outlines = chunk().body.toString("utf8");
    expect(outlines).toContain("Natural Earth");
    expect(outlines).toMatch(/M\d+ \d+l-?\d/);
  });

  it("leaves the build-time code out of the browser's files and needs no eval", () => {
    for (const candidate of build.files.filter((item) => item.role !== "page")) {
      const text = candidate.body.toString("utf8");
      expect(text).not.toContain("topojson");
      expect(text).not.toContain("require(");
      expect(text).not.toMatch(/\beval\(|new Function\(/);
    }
  });

  it("serves the demo page from widget/demo, loading the script as a portal would", () => {
    const page = file((candidate) => candidate.path === "/widget/");
    expect(page.contentType).toBe("text/html; charset=utf-8");
    expect(page.body.toString("utf8")).toContain('<script src="/widget.js" type="module"></script>');
    expect(file((candidate) => candidate.path === "/widget/demo.css").role).toBe("page");
  });

  it("reports every file's size raw and gzipped, and gzips to the same bytes", () => {
    expect(build.sizes.map((size) => size.path)).toEqual(build.files.map((item) => item.path));
    for (const item of build.files) {
      const size = build.sizes.find((candidate) => candidate.path === item.path);
      expect(size).toEqual({ path: item.path, raw: item.body.length, gzipped: item.gzipped.length });
      expect(gunzipSync(item.gzipped).equals(item.body)).toBe(true);
    }
    expect(chunk().gzipped.length).toBeLessThan(chunk().body.length / 2);
  });

  it("gives each file a strong ETag from its content", () => {
    const etags = build.files.map((item) => item.etag);
    for (const etag of etags) expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect(new Set(etags).size).toBe(etags.length);
  });
});
