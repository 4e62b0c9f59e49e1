// The gateway's data version from the subgraphs' revisions: read from each subgraph's /revision
// beside its /graphql, shared by requests that arrive together but never taken from a reading that
// began before a request arrived, and unknown (so nothing is cached) when a subgraph is away.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayDataVersion, revisionUrl, SubgraphRevisions, supergraphUrls } from "../src/data-version";
import { readSupergraph } from "../src/supergraph";

/** A subgraph's /revision whose answers wait until the test releases them. */
class SlowRevision {
  revision = 1;
  readonly paths: string[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly server = http.createServer((request, response) => {
    this.paths.push(request.url ?? "");
    const revision = this.revision;
    this.waiting.push(() => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ revision }));
    });
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  /** Waits until a request has arrived, then answers it with the revision it arrived at. */
  async answerNext(): Promise<void> {
    while (this.waiting.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    this.waiting.shift()?.();
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe("subgraph revisions", () => {
  const subgraph = new SlowRevision();
  let url: string;
  beforeAll(async () => {
    url = await subgraph.listen();
  });
  afterAll(() => subgraph.close());

  it("reads /revision beside /graphql, keeping a path prefix", () => {
    expect(revisionUrl("http://localhost:4001/graphql")).toBe("http://localhost:4001/revision");
    expect(revisionUrl("https://example.org/cities/graphql")).toBe("https://example.org/cities/revision");
    expect(revisionUrl("http://localhost:4001/graphql/")).toBe("http://localhost:4001/revision");
  });

  it("shares one reading among requests that arrive together, never one begun before them", async () => {
    const version = new SubgraphRevisions({ cities: url });
    const first = version.current();
    while (subgraph.paths.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    // a write lands while the first reading is on its way: requests from now on must see it
    subgraph.revision = 2;
    const second = version.current();
    const third = version.current();
    await subgraph.answerNext();
    expect(await first).toBe("cities:1");
    await subgraph.answerNext();
    expect([await second, await third]).toEqual(["cities:2", "cities:2"]);
    expect(subgraph.paths).toEqual(["/revision", "/revision"]);
  });

  it("with a maximum age, lets requests reuse a reading begun within it; without one, never", async () => {
    const version = new SubgraphRevisions({ cities: url }, 60_000);
    subgraph.paths.length = 0;
    subgraph.revision = 3;
    const first = version.current();
    await subgraph.answerNext();
    expect(await first).toBe("cities:3");
    subgraph.revision = 4;
    expect(await version.current()).toBe("cities:3");
    expect(subgraph.paths).toHaveLength(1);

    const strict = new SubgraphRevisions({ cities: url });
    const fresh = strict.current();
    await subgraph.answerNext();
    expect(await fresh).toBe("cities:4");
    expect(subgraph.paths).toHaveLength(2);
  });

  it("is unknown when a subgraph does not answer", async () => {
    const version = new SubgraphRevisions({ cities: url, news: "http://127.0.0.1:9/graphql" });
    const reading = version.current();
    await subgraph.answerNext();
    expect(await reading).toBeNull();
  });
});

describe("the gateway's version", () => {
  it("reads the supergraph's subgraph URLs", () => {
    expect(supergraphUrls(readSupergraph())).toMatchObject({ cities: "http://localhost:4001/graphql" });
  });

  it("is unknown for subgraphs served in process, which have no /revision to ask", async () => {
    const version = gatewayDataVersion({ supergraphSdl: readSupergraph(), inProcess: ["cities"] });
    expect(await version.current()).toBeNull();
  });
});
