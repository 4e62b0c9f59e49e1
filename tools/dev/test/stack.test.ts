// `npm start`'s parts share one gateway secret: the one configured, else the one kept in the data directory.
import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { gatewayPart, stackSecret, subgraphParts } from "../src/stack";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the stack's gateway secret", () => {
  it("is GATEWAY_SECRET when set, else the one kept in the data directory, made once for its owner alone", () => {
    vi.stubEnv("GATEWAY_SECRET", "configured");
    expect(stackSecret()).toBe("configured");
    vi.stubEnv("GATEWAY_SECRET", "");
    vi.stubEnv("GATEWAY_SECRET_FILE", "");
    const dataDir = mkdtempSync(path.join(tmpdir(), "twingraph-stack-"));
    const first = stackSecret(dataDir);
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(stackSecret(dataDir)).toBe(first);
    expect(statSync(path.join(dataDir, "gateway-secret")).mode & 0o777).toBe(0o600);
    expect(stackSecret(mkdtempSync(path.join(tmpdir(), "twingraph-stack-")))).not.toBe(first);
  });

  it("reaches the gateway and every subgraph, which it tells to listen on loopback", () => {
    const subgraphs = subgraphParts("run-secret");
    const parts = [...subgraphs, gatewayPart(subgraphs, "run-secret")];
    expect(subgraphs.length).toBeGreaterThan(0);
    for (const part of parts) expect(part.env.GATEWAY_SECRET, part.label).toBe("run-secret");
    for (const subgraph of subgraphs) expect(subgraph.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
  });
});
