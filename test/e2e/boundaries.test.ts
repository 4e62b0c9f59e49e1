// What each part may import, checked on every source file as TypeScript reads its imports: the
// boundaries docs/architecture.md draws, so that a deployable part never grows a dependency on
// another's code by accident.
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { readSubgraphManifest } from "@twingraph/kit/manifest";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SUBGRAPHS = readSubgraphManifest().map((subgraph) => ({
  name: subgraph.name,
  packageName: subgraph.package,
  // npm links each workspace package into the root node_modules
  dir: path.relative(ROOT, realpathSync(path.join(ROOT, "node_modules", subgraph.package))),
}));

interface Boundary {
  part: string;
  /** source directories, relative to the root */
  sources: string[];
  forbidden: RegExp[];
  why: string;
}

function packagePattern(names: readonly string[]): RegExp {
  return new RegExp(`^(${names.map((name) => name.replace(/[/.]/g, "\\$&")).join("|")})(/|$)`);
}

const SUBGRAPH_PACKAGES = packagePattern(SUBGRAPHS.map((subgraph) => subgraph.packageName));
const TOOLS = /^@twingraph\/(seed|dev|compose|gateway|e2e)(\/|$)/;
const DATABASE = /^(typeorm|better-sqlite3|pg)(\/|$)/;

const BOUNDARIES: Boundary[] = [
  {
    part: "gateway",
    sources: ["gateway/src"],
    forbidden: [
      SUBGRAPH_PACKAGES,
      TOOLS,
      /^@twingraph\/(network|testing)$/,
      /^@twingraph\/kit\/(subgraph|manifest)$/,
      /^@apollo\/(composition|subgraph)$/,
      DATABASE,
      /^(esbuild|type-graphql)$/,
    ],
    why: "deploys alone from the supergraph file and subgraph URLs",
  },
  ...SUBGRAPHS.map(({ name, packageName, dir }) => ({
    part: `the ${name} subgraph`,
    sources: [`${dir}/src`],
    forbidden: [
      packagePattern(SUBGRAPHS.map((other) => other.packageName).filter((other) => other !== packageName)),
      TOOLS,
      /^@twingraph\/testing$/,
    ],
    why: "meets the other subgraphs only through the gateway",
  })),
  {
    part: "the kit",
    sources: ["services/kit/src"],
    forbidden: [/^@twingraph\//],
    why: "is what every part builds on, so it builds on none of them",
  },
  {
    part: "the network package",
    sources: ["packages/network/src"],
    forbidden: [/^@twingraph\//, DATABASE, /^(graphql|type-graphql)$/],
    why: "is pure graph code, unit-tested on small graphs",
  },
  {
    part: "news extraction and the gazetteer",
    sources: ["packages/news-extract/src", "packages/gazetteer/src"],
    forbidden: [
      SUBGRAPH_PACKAGES,
      TOOLS,
      /^@twingraph\/(network|testing)$/,
      /^@twingraph\/kit\/(subgraph|http|manifest)$/,
      DATABASE,
      /^(graphql|type-graphql)$/,
    ],
    why: "are pure: a subgraph and the import CLI give them their lookups",
  },
  {
    part: "composition",
    sources: ["tools/compose/src"],
    forbidden: [SUBGRAPH_PACKAGES, /^@twingraph\/kit\/subgraph$/, DATABASE],
    why: "composes from the SDL files, not from subgraph code",
  },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Every module specifier a file imports, re-exports or loads with import(), as TypeScript reads them. */
function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((imported) => imported.fileName);
}

function offences(boundary: Boundary): string[] {
  return boundary.sources.flatMap((dir) =>
    sourceFiles(path.join(ROOT, dir)).flatMap((file) =>
      importsOf(readFileSync(file, "utf8"))
        .filter((specifier) => boundary.forbidden.some((pattern) => pattern.test(specifier)))
        .map((specifier) => `${path.relative(ROOT, file)} imports ${specifier}`),
    ),
  );
}

describe("boundaries between the parts", () => {
  for (const boundary of BOUNDARIES) {
    it(`${boundary.part} ${boundary.why}`, () => {
      expect(offences(boundary)).toEqual([]);
    });
  }

  it("are seen in every form of import: static, re-export, type-only and dynamic", () => {
    const source = [
      'import { City } from "@twingraph/cities";',
      'export * from "@twingraph/news";',
      'import type { DataSource } from "typeorm";',
      'const seed = () => import("@twingraph/seed");',
    ].join("\n");
    expect(importsOf(source)).toEqual(["@twingraph/cities", "@twingraph/news", "typeorm", "@twingraph/seed"]);
  });
});
