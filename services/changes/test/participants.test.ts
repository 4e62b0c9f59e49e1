// The participants main.ts builds: every subgraph of the manifest but changes, at its <NAME>_URL's
// origin when set (the variables the gateway is given), else the manifest's, with the secret.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { GATEWAY_SECRET_HEADER } from "@twingraph/kit/http";
import type { SubgraphEntry } from "@twingraph/kit/manifest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { participantsFromManifest } from "../src/participants";

const entries: SubgraphEntry[] = [
  { name: "cities", package: "@twingraph/cities", port: 4001, url: "http://localhost:4001/graphql" },
  { name: "changes", package: "@twingraph/changes", port: 4005, url: "http://localhost:4005/graphql" },
];

let heard: IncomingMessage | undefined;
const server = createServer((request, response) => {
  heard = request;
  request.resume();
  request.on("end", () => {
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ changes: [] }));
  });
});
let origin: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("participantsFromManifest", () => {
  it("names every subgraph but changes", () => {
    expect(participantsFromManifest("secret", {}, entries).map((participant) => participant.name)).toEqual([
      "cities",
    ]);
  });

  it("calls the change routes at the origin of <NAME>_URL, with the gateway secret", async () => {
    const [cities] = participantsFromManifest("test-secret", { CITIES_URL: `${origin}/graphql` }, entries);
    expect(await cities.history("2026-01-01T00:00:00.000Z", 5)).toEqual([]);
    expect(heard?.url).toBe("/changes/history");
    expect(heard?.headers[GATEWAY_SECRET_HEADER]).toBe("test-secret");
  });
});
