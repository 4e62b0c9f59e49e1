// The export routes of the gateway over real HTTP, on the source-derived graph.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpFederation, httpFederation } from "../src/harness";

let federation: HttpFederation;
let base: string;
beforeAll(async () => {
  federation = await httpFederation();
  base = federation.gatewayUrl.replace(/\/graphql$/, "");
});
afterAll(() => federation.close());

async function counts(filter = "") {
  const result = await federation.execute(`{ network${filter} { nodeCount edgeCount } }`);
  return (result.data as { network: { nodeCount: number; edgeCount: number } }).network;
}

describe("network exports over HTTP", () => {
  it("serves GraphML of the filtered network with its sources", async () => {
    const response = await fetch(`${base}/export/network.graphml?country=SI&domestic=true`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("graphml");
    expect(response.headers.get("content-disposition")).toContain("network.graphml");
    const body = await response.text();
    const { nodeCount, edgeCount } = await counts(`(filter: { country: "SI", domestic: true })`);
    expect(body.match(/<node /g)?.length).toBe(nodeCount);
    expect(body.match(/<edge /g)?.length).toBe(edgeCount);
    expect(body).toContain("Lendava");
    expect(body).toContain("country=SI (domestic)");
  });

  it("serves node and edge lists as CSV, the credits in a header", async () => {
    const { nodeCount, edgeCount } = await counts();
    const nodes = await fetch(`${base}/export/nodes.csv`);
    const edges = await fetch(`${base}/export/edges.csv`);
    const nodeRows: Record<string, string>[] = parse(await nodes.text(), { columns: true });
    const edgeRows = parse(await edges.text(), { columns: true });
    expect(nodeRows).toHaveLength(nodeCount);
    expect(edgeRows).toHaveLength(edgeCount);
    expect(nodeRows.find((row) => row.id === "si-kranj")).toMatchObject({
      name: "Kranj",
      country: "SI",
    });
    expect(decodeURI(edges.headers.get("x-credits") ?? "")).toContain("004_");
  });

  it("answers a bad filter with 400 and the reason", async () => {
    const unknownCountry = await fetch(`${base}/export/network.gexf?country=Atlantis`);
    expect(unknownCountry.status).toBe(400);
    expect(JSON.stringify(await unknownCountry.json())).toContain("filter.country");
    const unknownParameter = await fetch(`${base}/export/network.json?colour=red`);
    expect(unknownParameter.status).toBe(400);
    expect(JSON.stringify(await unknownParameter.json())).toContain("colour");
  });
});
