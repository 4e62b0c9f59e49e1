// `npm start`'s parts share one gateway secret: the one configured, else the one kept in the data directory.
import { mkdtempSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { gatewayPart, type SubgraphPart, stackSecret, subgraphParts, waitUntilHealthy } from "../src/stack";

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

describe("waiting for a subgraph", () => {
  /** A /ready that answers 503 `notReady` times, then 200; `asked` counts its requests. */
  async function readyAfter(notReady: number) {
    const server = http.createServer((_request, response) => {
      asked += 1;
      response.statusCode = asked > notReady ? 200 : 503;
      response.end();
    });
    let asked = 0;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const part: SubgraphPart = {
      name: "cities",
      label: "the cities subgraph",
      main: "",
      env: {},
      port,
      url: "",
    };
    return { part, asked: () => asked, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it("asks its /ready only once it says it listens, and again until it answers 200", async () => {
    const subgraph = await readyAfter(2);
    try {
      let listening = false;
      const ready = waitUntilHealthy(
        subgraph.part,
        () => true,
        () => listening,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(subgraph.asked()).toBe(0);
      listening = true;
      await ready;
      expect(subgraph.asked()).toBe(3);
    } finally {
      await subgraph.close();
    }
  });

  it("stops waiting once the process is gone", async () => {
    const subgraph = await readyAfter(Number.POSITIVE_INFINITY);
    try {
      let alive = true;
      const ready = waitUntilHealthy(subgraph.part, () => alive);
      await vi.waitFor(() => expect(subgraph.asked()).toBeGreaterThan(0));
      alive = false;
      await expect(ready).rejects.toThrow("The cities subgraph stopped before it was ready.");
    } finally {
      await subgraph.close();
    }
  });
});
