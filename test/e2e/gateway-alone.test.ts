// The gateway deploys alone (test/e2e/boundaries.test.ts checks what its sources import): its
// production dependencies hold no subgraph, seed, database or build code, and
// `node gateway/dist/main.js`, installed with those dependencies only, serves the federation from the
// supergraph file and subgraph URLs.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readSubgraphManifest } from "@twingraph/kit/manifest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type GatewayInstall,
  installGatewayAlone,
  productionClosure,
  REPO_ROOT,
  startInstalledGateway,
} from "../src/gateway-install";
import { type HttpFederation, httpFederation } from "../src/harness";

/** @apollo/gateway itself depends on @apollo/composition, so only the gateway's own imports (boundaries test) exclude it. */
const FORBIDDEN_PACKAGES = [
  ...readSubgraphManifest().map((subgraph) => subgraph.package),
  "@twingraph/seed",
  "@apollo/subgraph",
  "typeorm",
  "better-sqlite3",
  "pg",
  "esbuild",
  "type-graphql",
];

describe("the gateway's production dependencies", () => {
  it("form a closure that holds no subgraph, seed, driver, ORM or bundler", () => {
    const names = new Set(productionClosure(path.join(REPO_ROOT, "gateway")).map((pkg) => pkg.name));
    expect(FORBIDDEN_PACKAGES.filter((name) => names.has(name))).toEqual([]);
  });
});

describe("node gateway/dist/main.js installed alone", () => {
  let install: GatewayInstall;
  let directory: string;
  let federation: HttpFederation;
  let gateway: ChildProcess | undefined;
  let gatewayUrl: string;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), "twin-gateway-alone-"));
    install = installGatewayAlone(directory);
    federation = await httpFederation();
    const urls = Object.fromEntries(
      Object.entries(federation.subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url]),
    );
    const started = await startInstalledGateway(install.gatewayDir, urls);
    gateway = started.child;
    gatewayUrl = started.url;
  });

  afterAll(async () => {
    gateway?.kill("SIGTERM");
    await federation?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("holds only the gateway's closure: no subgraph, driver or bundler was copied", () => {
    const installed = new Set(install.packages.map((pkg) => pkg.name));
    expect(installed.has("@apollo/gateway")).toBe(true);
    expect(FORBIDDEN_PACKAGES.filter((name) => installed.has(name))).toEqual([]);
  });

  it("answers the Kranj–Villach dossier across the four subgraphs", async () => {
    const response = await fetch(gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: /* GraphQL */ `
          query ($a: ID!, $b: ID!) {
            partnershipBetween(cityIds: [$a, $b]) {
              cities { name }
              agreements { title }
              projects { title }
              visits { date }
            }
          }
        `,
        variables: { a: "at-villach", b: "si-kranj" },
      }),
    });
    const body = (await response.json()) as {
      data?: { partnershipBetween: { cities: { name: string }[]; visits: unknown[] } | null };
      errors?: unknown[];
    };
    expect(body.errors).toBeUndefined();
    expect(body.data?.partnershipBetween?.cities.map((city) => city.name).sort()).toEqual([
      "Kranj",
      "Villach",
    ]);
    expect(body.data?.partnershipBetween?.visits.length).toBeGreaterThan(0);
  });

  it("serves the widget's built script and the query page", async () => {
    const origin = new URL(gatewayUrl).origin;
    const script = await fetch(`${origin}/widget.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
  });
});
