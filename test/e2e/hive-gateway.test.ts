// The checked-in supergraph served by another federation gateway, Hive Gateway, in front of the
// same subgraphs: it answers the dossier when configured to send the gateway secret (the config
// docs/operations.md shows, built by src/hive-gateway.ts), and the subgraphs refuse it when it does not.
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpFederation, httpFederation } from "../src/harness";
import { hiveConfig, startHive } from "../src/hive-gateway";

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
