// Persisted operations are held to the operation limits when they are listed: a manifest with an
// operation over them stops the gateway's start, naming the operation and the limit.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createGatewayServer } from "../src/gateway";
import { DEFAULT_LIMITS } from "../src/limits/settings";
import { operationId } from "../src/persisted-operations";
import { readSupergraph } from "../src/supergraph";

function manifest(...bodies: string[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "twingraph-manifest-")), "operations.json");
  writeFileSync(file, JSON.stringify(Object.fromEntries(bodies.map((body) => [operationId(body), body]))));
  return file;
}

async function start(file: string): Promise<void> {
  const server = createGatewayServer({
    supergraphSdl: readSupergraph(),
    responseCache: false,
    dataVersion: { current: async () => null, close: async () => {} },
    persistedOperationFiles: [file],
  });
  await server.start();
  await server.stop();
}

describe("a manifest of persisted operations", () => {
  it("within the limits, starts", async () => {
    await expect(start(manifest(`query Kranj { city(id: "si-kranj") { name } }`))).resolves.toBeUndefined();
  });

  it("with an operation over a limit, stops the start naming it and the limit", async () => {
    const aliases = Array.from({ length: DEFAULT_LIMITS.aliases + 1 }, (_, index) => `n${index}: name`);
    const body = `query Wide { city(id: "si-kranj") { ${aliases.join(" ")} } }`;
    await expect(start(manifest(body))).rejects.toThrow(
      new RegExp(`Persisted operation ${operationId(body)} is over the operation limits: .*aliases`),
    );
  });
});
