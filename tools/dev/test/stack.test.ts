// `npm start`'s parts share one gateway secret per run: the one configured, else a new one.
import { afterEach, describe, expect, it, vi } from "vitest";
import { gatewayPart, stackSecret, subgraphParts } from "../src/stack";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the stack's gateway secret", () => {
  it("is GATEWAY_SECRET when set, else new for each run", () => {
    vi.stubEnv("GATEWAY_SECRET", "configured");
    expect(stackSecret()).toBe("configured");
    vi.stubEnv("GATEWAY_SECRET", "");
    vi.stubEnv("GATEWAY_SECRET_FILE", "");
    const first = stackSecret();
    expect(first).toMatch(/^[\w-]{43}$/);
    expect(stackSecret()).not.toBe(first);
  });

  it("reaches the gateway and every subgraph, which it tells to listen on loopback", () => {
    const subgraphs = subgraphParts("run-secret");
    const parts = [...subgraphs, gatewayPart(subgraphs, "run-secret")];
    expect(subgraphs.length).toBeGreaterThan(0);
    for (const part of parts) expect(part.env.GATEWAY_SECRET, part.label).toBe("run-secret");
    for (const subgraph of subgraphs) expect(subgraph.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
  });
});
