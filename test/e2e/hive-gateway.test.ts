// The checked-in supergraph served by another federation gateway, Hive Gateway, in front of the
// same subgraphs: it answers the dossier when configured to send the gateway secret (the config
// docs/operations.md shows), and the subgraphs refuse it when it does not.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { GATEWAY_SECRET_HEADER } from "@twingraph/kit/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../src/gateway-install";
import { type HttpFederation, httpFederation } from "../src/harness";

const HIVE_GATEWAY = path.join(REPO_ROOT, "node_modules", ".bin", "hive-gateway");
const SUPERGRAPH = path.join(REPO_ROOT, "schema", "supergraph.graphql");

const DOSSIER = /* GraphQL */ `
  query ($a: ID!, $b: ID!) {
    partnershipBetween(cityIds: [$a, $b]) {
      cities { name }
      agreements { title }
      projects { title }
      visits { date }
    }
  }
`;

interface DossierAnswer {
  data?: { partnershipBetween: { cities: { name: string }[]; visits: unknown[] | null } | null };
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** The Hive Gateway config an operator writes: each subgraph's URL, and the secret on every fetch. */
function hiveConfig(urls: Record<string, string>, secret: string | undefined): string {
  const transportEntries = Object.fromEntries(
    Object.entries(urls).map(([name, url]) => [name, { location: url }]),
  );
  const headers = secret ? `{ ${JSON.stringify(GATEWAY_SECRET_HEADER)}: ${JSON.stringify(secret)} }` : "{}";
  return `export const gatewayConfig = {
  supergraph: ${JSON.stringify(SUPERGRAPH)},
  transportEntries: ${JSON.stringify(transportEntries)},
  propagateHeaders: { fromClientToSubgraphs: () => (${headers}) },
};
`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startHive(directory: string, config: string): Promise<{ child: ChildProcess; url: string }> {
  const file = path.join(directory, `gateway-${randomBytes(4).toString("hex")}.config.mjs`);
  writeFileSync(file, config);
  const port = await freePort();
  const child = spawn(
    HIVE_GATEWAY,
    ["supergraph", "--config-path", file, "--port", String(port), "--host", "127.0.0.1"],
    {
      cwd: directory,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const url = `http://127.0.0.1:${port}/graphql`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Hive Gateway exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthcheck`)).ok) return { child, url };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill();
  throw new Error("Hive Gateway was not ready within 60 s");
}

async function askDossier(url: string): Promise<DossierAnswer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: DOSSIER, variables: { a: "at-villach", b: "si-kranj" } }),
  });
  return (await response.json()) as DossierAnswer;
}

describe("Hive Gateway on the checked-in supergraph", () => {
  let directory: string;
  let federation: HttpFederation;
  const gateways: ChildProcess[] = [];

  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), "twin-hive-"));
    federation = await httpFederation();
  }, 60_000);

  afterAll(async () => {
    for (const child of gateways) child.kill("SIGTERM");
    await federation?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("answers the Kranj–Villach dossier when it sends the gateway secret", async () => {
    const hive = await startHive(directory, hiveConfig(federation.subgraphUrls, federation.subgraphSecret));
    gateways.push(hive.child);
    const answer = await askDossier(hive.url);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.partnershipBetween?.cities.map((city) => city.name).sort()).toEqual([
      "Kranj",
      "Villach",
    ]);
    expect(answer.data?.partnershipBetween?.visits?.length).toBeGreaterThan(0);
  }, 90_000);

  it("is refused by every subgraph when it does not send the secret", async () => {
    const hive = await startHive(directory, hiveConfig(federation.subgraphUrls, undefined));
    gateways.push(hive.child);
    const answer = await askDossier(hive.url);
    expect(answer.data?.partnershipBetween ?? null).toBeNull();
    expect(answer.errors?.length).toBeGreaterThan(0);
  }, 90_000);
});
