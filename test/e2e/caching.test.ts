// What portals and browsers rely on: the widget's operation runs as a persisted GET, answers carry
// Cache-Control and an ETag (304 when unchanged), a repeated query comes from the gateway's cache
// and says so, and an import that changes the data makes the next answer fresh (the subgraphs'
// revisions move on). The same, shared between two gateways, with Redis where TEST_REDIS_URL names
// one. fresh-after-write.test.ts writes from another process.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CACHE_STATUS_HEADER, operationId, readManifestFile, SubgraphRevisions } from "@twingraph/gateway";
import { advanceRedisDataVersion, openRedis } from "@twingraph/kit/http";
import { readSubgraphManifest } from "@twingraph/kit/manifest";
import { IMPORT_COMMANDS, runImport } from "@twingraph/seed";
import { TWIN_PARTNERSHIPS } from "@twingraph/widget";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpFederation, httpFederation, inProcessFederation } from "../src/harness";
import { persistedGetUrl } from "../src/persisted-get";

const fixture = (name: string) => path.resolve(__dirname, "../fixtures/imports", name);
/** The widget's request: the operation by its hash, over GET. */
function persistedGet(federation: HttpFederation, variables: object, headers: Record<string, string> = {}) {
  const url = persistedGetUrl(federation.gatewayUrl, {
    body: TWIN_PARTNERSHIPS.body,
    operationName: TWIN_PARTNERSHIPS.name,
    variables,
  });
  return fetch(url, { headers });
}

interface PartnersAnswer {
  data: { city: { partnerships: { cities: { id: string }[] }[] } };
}

function partnerIds(answer: PartnersAnswer): string[] {
  const ids = answer.data.city.partnerships.flatMap((partnership) =>
    partnership.cities.map((city) => city.id),
  );
  return [...new Set(ids)].sort();
}

describe("response cache and persisted GET", () => {
  let federation: HttpFederation;

  beforeAll(async () => {
    federation = await httpFederation({ gateway: { responseCache: true } });
  });
  afterAll(() => federation?.close());

  it("answers the widget's operation by hash over GET, public for five minutes, with an ETag", async () => {
    const response = await persistedGet(federation, { city: "si-kranj", lang: "sl" });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("max-age=300, public");
    expect(response.headers.get("etag")).toMatch(/^"[\w-]{32}"$/);
    expect(response.headers.get(CACHE_STATUS_HEADER)).toBe("miss");
    const answer = (await response.json()) as PartnersAnswer;
    expect(partnerIds(answer)).toEqual(["at-villach", "si-kranj"]);
  });

  it("serves the repeated query from the cache, saying so, with the same body", async () => {
    const variables = { city: "si-velenje", lang: "sl" };
    const first = await persistedGet(federation, variables);
    const second = await persistedGet(federation, variables);
    expect([first.headers.get(CACHE_STATUS_HEADER), second.headers.get(CACHE_STATUS_HEADER)]).toEqual([
      "miss",
      "hit",
    ]);
    expect(second.headers.get("age")).toMatch(/^\d+$/);
    expect(second.headers.get("cache-control")).toBe("max-age=300, public");
    expect(await second.text()).toBe(await first.text());
  });

  it("keys cached answers by variables: another city is its own entry", async () => {
    await persistedGet(federation, { city: "si-ljubljana", lang: "en" });
    const other = await persistedGet(federation, { city: "si-ljubljana", lang: "sl" });
    expect(other.headers.get(CACHE_STATUS_HEADER)).toBe("miss");
  });

  it("shares entries between POST with the text and GET by hash: one operation, one key", async () => {
    const variables = { city: "at-villach", lang: "de" };
    const posted = await federation.post({ query: TWIN_PARTNERSHIPS.body, variables });
    expect(posted.headers.get(CACHE_STATUS_HEADER)).toBe("miss");
    const fetched = await persistedGet(federation, variables);
    expect(fetched.headers.get(CACHE_STATUS_HEADER)).toBe("hit");
  });

  it("answers a revalidation with 304 and no body while the answer is unchanged", async () => {
    const variables = { city: "si-kranj", lang: "en" };
    const first = await persistedGet(federation, variables);
    const etag = first.headers.get("etag") as string;
    const revalidated = await persistedGet(federation, variables, { "if-none-match": etag });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    const stale = await persistedGet(federation, variables, { "if-none-match": '"something-else"' });
    expect(stale.status).toBe(200);
  });

  it("neither caches nor marks cacheable an answer with errors", async () => {
    const bad = { query: `{ findCities(name: "Kranj", first: -1) { id } }` };
    const first = await federation.post(bad);
    const second = await federation.post(bad);
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(second.headers.get(CACHE_STATUS_HEADER)).toBe("miss");
  });

  it("gives a fresh answer after an import that changes the data", async () => {
    const variables = { city: "si-velenje", lang: "en" };
    const before = await persistedGet(federation, variables);
    const cached = await persistedGet(federation, variables);
    expect(cached.headers.get(CACHE_STATUS_HEADER)).toBe("hit");
    expect(partnerIds((await before.json()) as PartnersAnswer)).not.toContain("de-esslingen-am-neckar");

    const pairs = IMPORT_COMMANDS.find((command) => command.name === "pairs");
    if (!pairs) throw new Error("no pairs import");
    await runImport(pairs, federation.databases, fixture("pairs-minimal.csv"));

    const after = await persistedGet(federation, variables);
    expect(after.headers.get(CACHE_STATUS_HEADER)).toBe("miss");
    expect(after.headers.get("etag")).not.toBe(before.headers.get("etag"));
    expect(partnerIds((await after.json()) as PartnersAnswer)).toContain("de-esslingen-am-neckar");
    const again = await persistedGet(federation, variables);
    expect(again.headers.get(CACHE_STATUS_HEADER)).toBe("hit");
  });

  it("keeps the data version, and so the cache, when a file is refused whole", async () => {
    const pairs = IMPORT_COMMANDS.find((command) => command.name === "pairs");
    if (!pairs) throw new Error("no pairs import");
    const dataVersion = new SubgraphRevisions(federation.subgraphUrls);
    const before = await dataVersion.current();
    const everySubgraph = readSubgraphManifest()
      .map(({ name }) => name)
      .sort()
      .map((name) => `${name}:\\d+`);
    expect(before).toMatch(new RegExp(`^${everySubgraph.join(",")}$`));
    await expect(runImport(pairs, federation.databases, fixture("pairs-cut-off.csv"))).rejects.toThrow(
      /cut off|ends/i,
    );
    expect(await dataVersion.current()).toBe(before);
  });
});

describe("automatic persisted queries", () => {
  let federation: HttpFederation;
  beforeAll(async () => {
    federation = await httpFederation();
  });
  afterAll(() => federation?.close());

  const query = `query Beljak { findCities(name: "Beljak") { id } }`;
  const hash = operationId(query);
  const byHash = () => fetch(persistedGetUrl(federation.gatewayUrl, { body: query }));

  it("asks for the text of an unknown hash, registers it, then answers GET by hash", async () => {
    const unknown = (await (await byHash()).json()) as { errors: { message: string }[] };
    expect(unknown.errors[0].message).toBe("PersistedQueryNotFound");
    const registered = await federation.post({
      query,
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
    });
    expect(registered.status).toBe(200);
    expect(((await (await byHash()).json()) as { data: unknown }).data).toEqual({
      findCities: [{ id: "at-villach" }],
    });
  });
});

describe("safelist mode", () => {
  let federation: HttpFederation;
  beforeAll(async () => {
    federation = await httpFederation({ gateway: { safelist: true } });
  });
  afterAll(() => federation?.close());

  it("runs the widget's operation by hash from the first request", async () => {
    const response = await persistedGet(federation, { city: "si-kranj", lang: "sl" });
    expect(response.status).toBe(200);
    expect(partnerIds((await response.json()) as PartnersAnswer)).toEqual(["at-villach", "si-kranj"]);
  });

  it("runs a listed operation sent as text", async () => {
    const response = await federation.post({
      query: TWIN_PARTNERSHIPS.body,
      variables: { city: "si-kranj", lang: "sl" },
    });
    expect(response.status).toBe(200);
  });

  it("refuses any other operation with a clear error, and does not register it", async () => {
    const query = `query Probe { findCities(name: "Kranj") { id } }`;
    const response = await federation.post({
      query,
      extensions: { persistedQuery: { version: 1, sha256Hash: operationId(query) } },
    });
    expect(response.status).toBe(403);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_IN_SAFELIST");
    expect(body.errors[0].message).toMatch(/Operation Probe is not in the safelist.*SAFELIST=1/);
    const url = persistedGetUrl(federation.gatewayUrl, { body: query });
    const again = (await (await fetch(url)).json()) as { errors: { message: string }[] };
    expect(again.errors[0].message).toBe("PersistedQueryNotFound");
  });
});

describe("response cache with Redis away", () => {
  let federation: HttpFederation;
  beforeAll(async () => {
    // port 9 (discard) on loopback: nothing listens, the connection is refused
    federation = await httpFederation({ gateway: { responseCache: true, redisUrl: "redis://127.0.0.1:9" } });
  });
  afterAll(() => federation?.close());

  it("answers without the cache rather than fail or risk an answer from before an import", async () => {
    const variables = { city: "si-kranj", lang: "sl" };
    const statuses = [];
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await persistedGet(federation, variables);
      expect(response.status).toBe(200);
      statuses.push(response.headers.get(CACHE_STATUS_HEADER));
    }
    expect(statuses).toEqual(["miss", "miss"]);
  });
});

describe("cache hints in one process", () => {
  it("combine the subgraphs' policies as over HTTP", async () => {
    const federation = await inProcessFederation();
    try {
      const response = await federation.gateway?.executeOperation({
        query: TWIN_PARTNERSHIPS.body,
        variables: { city: "si-kranj", lang: "sl" },
      });
      expect(response?.http.headers.get("cache-control")).toBe("max-age=300, public");
    } finally {
      await federation.close();
    }
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
describe.skipIf(!redisUrl)(
  redisUrl ? "response cache in Redis" : "response cache in Redis: skipped, TEST_REDIS_URL is not set",
  () => {
    let gateways: HttpFederation[];
    const redis = redisUrl ? openRedis(redisUrl) : undefined;
    const advance = () => advanceRedisDataVersion(redis as NonNullable<typeof redis>);

    beforeAll(async () => {
      // a version of its own, so entries of earlier runs are not found
      await advance();
      gateways = [];
      for (let index = 0; index < 2; index++) {
        gateways.push(await httpFederation({ gateway: { responseCache: true, redisUrl } }));
      }
    });
    afterAll(async () => {
      await Promise.all(gateways.map((gateway) => gateway.close()));
      redis?.disconnect();
    });

    it("shares cached answers between gateways and drops them when the version moves on", async () => {
      const variables = { city: "si-kranj", lang: "fr" };
      const [one, two] = gateways;
      expect((await persistedGet(one, variables)).headers.get(CACHE_STATUS_HEADER)).toBe("miss");
      expect((await persistedGet(two, variables)).headers.get(CACHE_STATUS_HEADER)).toBe("hit");
      await advance();
      expect((await persistedGet(two, variables)).headers.get(CACHE_STATUS_HEADER)).toBe("miss");
    });
  },
);

describe("manifests of persisted operations", () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), "twingraph-manifest-"));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const write = (name: string, contents: unknown) => {
    const file = path.join(directory, name);
    writeFileSync(file, JSON.stringify(contents));
    return file;
  };
  const body = `query Beljak { findCities(name: "Beljak") { id } }`;

  it("reads Apollo's format and the client preset's, with or without the sha256: prefix", () => {
    const apollo = write("apollo.json", {
      format: "apollo-persisted-query-manifest",
      version: 1,
      operations: [{ id: operationId(body), name: "Beljak", type: "query", body }],
    });
    const prefixed = write("documents.json", { [`sha256:${operationId(body)}`]: body });
    for (const file of [apollo, prefixed]) {
      expect(readManifestFile(file)).toEqual(new Map([[operationId(body), body]]));
    }
  });

  it("refuses an id that is not the sha256 of its text, and a file of another shape", () => {
    const wrong = write("wrong.json", { [operationId("{ other }")]: body });
    expect(() => readManifestFile(wrong)).toThrow(/is not the sha256 of its document/);
    const other = write("other.json", [body]);
    expect(() => readManifestFile(other)).toThrow(/neither an Apollo persisted query manifest nor/);
  });
});
