// A subgraph served over HTTP answers its gateway alone: on loopback unless told otherwise, and only
// to requests carrying the shared secret, except what load balancers and Prometheus ask.
import { networkInterfaces } from "node:os";
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import { DataSource } from "typeorm";
import { afterEach, describe, expect, it } from "vitest";
import { GATEWAY_SECRET_HEADER } from "../src/secret";
import type { RunningServer } from "../src/serve";
import { DataRevision, listenSubgraph } from "../src/subgraph";
import { codeOf } from "./http-client";

const SECRET = "a-test-secret";
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: "Query",
    fields: { hello: { type: GraphQLString, resolve: () => "world" } },
  }),
});

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startSubgraph(): Promise<{ running: RunningServer; base: string; db: DataSource }> {
  const db = await new DataSource({
    type: "better-sqlite3",
    database: ":memory:",
    entities: [DataRevision],
    synchronize: true,
  }).initialize();
  cleanups.push(async () => {
    if (db.isInitialized) await db.destroy();
  });
  const running = await listenSubgraph("test", schema, db, { port: 0, secret: SECRET });
  cleanups.push(() => running.close());
  return { running, base: `http://127.0.0.1:${running.port}`, db };
}

function query(base: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: "{ hello }" }),
  });
}

describe("a subgraph's gateway secret", () => {
  it("refuses /graphql without it (401), with another (403), and answers with it", async () => {
    const { base } = await startSubgraph();
    const absent = await query(base, {});
    expect(absent.status).toBe(401);
    expect(await codeOf(absent)).toBe("UNAUTHENTICATED");
    const wrong = await query(base, { [GATEWAY_SECRET_HEADER]: `${SECRET}x` });
    expect(wrong.status).toBe(403);
    expect(await codeOf(wrong)).toBe("FORBIDDEN");
    const right = await query(base, { [GATEWAY_SECRET_HEADER]: SECRET });
    expect(right.status).toBe(200);
    expect(await right.json()).toEqual({ data: { hello: "world" } });
  });

  it("guards /revision and unknown paths the same way", async () => {
    const { base } = await startSubgraph();
    expect((await fetch(`${base}/revision`)).status).toBe(401);
    expect((await fetch(`${base}/revision`, { headers: { [GATEWAY_SECRET_HEADER]: "guess" } })).status).toBe(
      403,
    );
    const revision = await fetch(`${base}/revision`, { headers: { [GATEWAY_SECRET_HEADER]: SECRET } });
    expect(revision.status).toBe(200);
    expect(await revision.json()).toEqual({ revision: 0 });
    expect((await fetch(`${base}/elsewhere`)).status).toBe(401);
  });

  it("leaves /health, /ready and /metrics open, /ready following the database", async () => {
    const { base, db } = await startSubgraph();
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    await db.destroy();
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(503);
    expect(await codeOf(ready)).toBe("NOT_READY");
    const revision = await fetch(`${base}/revision`, { headers: { [GATEWAY_SECRET_HEADER]: SECRET } });
    expect(revision.status).toBe(503);
    expect(await codeOf(revision)).toBe("DATABASE_UNAVAILABLE");
  });

  it("refuses to start without a secret", async () => {
    const db = new DataSource({ type: "better-sqlite3", database: ":memory:" });
    await expect(listenSubgraph("test", schema, db, { port: 0, secret: "" })).rejects.toThrow(
      /GATEWAY_SECRET/,
    );
  });
});

const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address && address.family === "IPv4" && !address.internal)?.address;

describe("a subgraph's address", () => {
  it.skipIf(!externalAddress)(
    "is loopback by default: another interface of the machine cannot reach it",
    async () => {
      const { running } = await startSubgraph();
      await expect(fetch(`http://${externalAddress}:${running.port}/health`)).rejects.toThrow();
      expect((await fetch(`http://127.0.0.1:${running.port}/health`)).status).toBe(200);
    },
  );
});
