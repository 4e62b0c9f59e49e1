// tools/build.cjs, the one-process build of the workspace packages, on a workspace of its own: it
// writes what `tsc -p tsconfig.build.json` writes (decorator metadata of imported classes, enums and
// interfaces included), skips packages whose inputs are unchanged, rebuilds the dependents of a
// changed package, runs postbuild scripts and fails loudly on a bad source or a failed postbuild.
import { spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const BUILD = path.join(ROOT, "tools/build.cjs");
const TSC = require.resolve("typescript/bin/tsc");

let workspace: string;

function write(file: string, content: string): void {
  mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
  writeFileSync(path.join(workspace, file), content);
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

function build(...names: string[]): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [BUILD, `--root=${workspace}`, ...names], { encoding: "utf8" });
  return { status: run.status, output: run.stdout + run.stderr };
}

/** Every emitted file under a folder, by relative path, with its content. */
function emitted(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(js|d\.ts)$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), readFileSync(file, "utf8"));
  }
  return files;
}

beforeAll(() => {
  workspace = mkdtempSync(path.join(tmpdir(), "twingraph-build-"));
  write("package.json", json({ private: true, workspaces: ["pkgs/*"] }));
  write(
    "tsconfig.base.json",
    json({
      compilerOptions: {
        target: "ES2022",
        module: "Node16",
        moduleResolution: "Node16",
        strict: true,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        declaration: true,
        types: [],
      },
    }),
  );
  const buildConfig = json({
    extends: "../../tsconfig.base.json",
    compilerOptions: { rootDir: "src", outDir: "dist", noCheck: true },
    include: ["src"],
  });
  write(
    "pkgs/base/package.json",
    json({ name: "@fixture/base", main: "dist/index.js", types: "dist/index.d.ts" }),
  );
  write("pkgs/base/tsconfig.build.json", buildConfig);
  write(
    "pkgs/base/src/index.ts",
    "export class Place { name = 'Kranj'; }\nexport enum Kind { TWINNING = 'TWINNING' }\nexport interface Shape { size: number }\n",
  );
  write(
    "pkgs/app/package.json",
    json({
      name: "@fixture/app",
      dependencies: { "@fixture/base": "*" },
      scripts: { postbuild: "node -e \"require('fs').writeFileSync('dist/post.txt', 'done')\"" },
    }),
  );
  write("pkgs/app/tsconfig.build.json", buildConfig);
  write(
    "pkgs/app/src/index.ts",
    [
      'import { Kind, Place, type Shape } from "@fixture/base";',
      "function field(): PropertyDecorator { return () => undefined; }",
      "export class Visit {",
      "  @field() place!: Place;",
      "  @field() kind!: Kind;",
      "  @field() shape!: Shape;",
      "}",
      "",
    ].join("\n"),
  );
  mkdirSync(path.join(workspace, "node_modules/@fixture"), { recursive: true });
  symlinkSync(path.join(workspace, "pkgs/base"), path.join(workspace, "node_modules/@fixture/base"));
});

afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe("tools/build.cjs", () => {
  it("writes what tsc -p tsconfig.build.json writes, and runs the postbuild", () => {
    const { status, output } = build();
    expect(status, output).toBe(0);
    expect(output).toMatch(/Built 2 packages/);
    for (const name of ["base", "app"]) {
      const dir = path.join(workspace, "pkgs", name);
      const reference = path.join(workspace, `tsc-${name}`);
      const tsc = spawnSync(process.execPath, [TSC, "-p", "tsconfig.build.json", "--outDir", reference], {
        cwd: dir,
        encoding: "utf8",
      });
      expect(tsc.status, tsc.stdout).toBe(0);
      expect(emitted(path.join(dir, "dist"))).toEqual(emitted(reference));
    }
    // the metadata an isolated transpile gets wrong: the enum's runtime type, the interface as Object
    const app = readFileSync(path.join(workspace, "pkgs/app/dist/index.js"), "utf8");
    expect(app).toContain('__metadata("design:type", String)');
    expect(app).toContain('__metadata("design:type", Object)');
    expect(readFileSync(path.join(workspace, "pkgs/app/dist/post.txt"), "utf8")).toBe("done");
  });

  it("skips unchanged packages and rebuilds the dependents of a changed one", () => {
    expect(build().output).toMatch(/Build up to date \(2 packages checked/);
    write("pkgs/base/src/extra.ts", "export const extra = 1;\n");
    const changed = build();
    expect(changed.output).toMatch(/@fixture\/base compiled/);
    expect(changed.output).toMatch(/@fixture\/app compiled/);
    write("pkgs/app/src/more.ts", "export const more = 2;\n");
    const appOnly = build("@fixture/app");
    expect(appOnly.output).not.toMatch(/@fixture\/base compiled/);
    expect(appOnly.output).toMatch(/@fixture\/app compiled/);
  });

  it("fails on a syntax error, naming the file, and builds the package again once it is mended", () => {
    write("pkgs/base/src/broken.ts", "export const = ;\n");
    const broken = build();
    expect(broken.status).not.toBe(0);
    expect(broken.output).toMatch(/broken\.ts/);
    expect(broken.output).toMatch(/@fixture\/base did not build/);
    rmSync(path.join(workspace, "pkgs/base/src/broken.ts"));
    expect(build().output).toMatch(/@fixture\/base compiled/);
  });

  it("fails when a postbuild fails, showing its output, and leaves the package to build again", () => {
    const manifest = path.join(workspace, "pkgs/app/package.json");
    const original = readFileSync(manifest, "utf8");
    write(
      "pkgs/app/package.json",
      json({ ...JSON.parse(original), scripts: { postbuild: "echo bundling failed && exit 3" } }),
    );
    const failed = build();
    expect(failed.status).not.toBe(0);
    expect(failed.output).toMatch(/bundling failed/);
    expect(failed.output).toMatch(/postbuild .* exited with 3/);
    writeFileSync(manifest, original);
    expect(build().output).toMatch(/@fixture\/app compiled/);
  });

  it("refuses a name that is not a workspace package", () => {
    const { status, output } = build("@fixture/nowhere");
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /@fixture\/nowhere is not a workspace package: one of @fixture\/app, @fixture\/base/,
    );
  });
});
