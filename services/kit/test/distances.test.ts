// Partnership distances by one rule for the seed and the changes coordinator, and the internal JSON
// steps a subgraph serves beside its change routes: POST only, behind the gateway secret, a JSON
// object in, JSON out, refusals with their status and code. Places and steps here are test values.
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import { DataSource } from "typeorm";
import { afterEach, describe, expect, it } from "vitest";
import { greatCircleKm, partnershipDistanceKm } from "../src/distances";
import { badUserInput } from "../src/errors";
import { GATEWAY_SECRET_HEADER } from "../src/secret";
import { DataRevision, idListField, type JsonStep, listenSubgraph, stepFields } from "../src/subgraph";
import { codeOf } from "./http-client";

describe("partnership distances", () => {
  const origin = { latitude: 0, longitude: 0 };
  const east = { latitude: 0, longitude: 1 };

  it("measures the great circle, the same both ways", () => {
    expect(greatCircleKm(origin, east)).toBeCloseTo(111.195, 3);
    expect(greatCircleKm(east, origin)).toBe(greatCircleKm(origin, east));
    expect(greatCircleKm({ latitude: 90, longitude: 0 }, { latitude: -90, longitude: 0 })).toBeCloseTo(
      20015.1,
      1,
    );
  });

  it("stores a two-place partnership's distance to 0.1 km, and none for any other", () => {
    expect(partnershipDistanceKm([origin, east])).toBe(111.2);
    expect(partnershipDistanceKm([origin, undefined])).toBeNull();
    expect(partnershipDistanceKm([null, east])).toBeNull();
    expect(partnershipDistanceKm([origin, east, east])).toBeNull();
    expect(partnershipDistanceKm([origin])).toBeNull();
  });
});

const SECRET = "a-test-secret";
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: "Query", fields: { hello: { type: GraphQLString } } }),
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("a subgraph's internal JSON steps", () => {
  const steps: Record<string, JsonStep> = {
    "/changes/echo": async (body) => ({
      ids: idListField("/changes/echo", stepFields("/changes/echo", body), "ids"),
    }),
    "/changes/refuse": async () => {
      throw badUserInput("ids", "must name something");
    },
    "/changes/break": async () => {
      throw new Error("the database went away (as the test asked)");
    },
  };

  async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const db = await new DataSource({
      type: "better-sqlite3",
      database: ":memory:",
      entities: [DataRevision],
      synchronize: true,
    }).initialize();
    const running = await listenSubgraph("test", schema, db, { port: 0, secret: SECRET, routes: steps });
    cleanups.push(
      () => db.destroy(),
      () => running.close(),
    );
    return fetch(`http://127.0.0.1:${running.port}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", [GATEWAY_SECRET_HEADER]: SECRET, ...headers },
      body: JSON.stringify(body),
    });
  }

  it("answers a JSON object with the step's JSON, never cached", async () => {
    const response = await post("/changes/echo", { ids: ["test-a"] });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ ids: ["test-a"] });
  });

  it("refuses what the step refuses with its status and code", async () => {
    const cases: [string, unknown, number, string][] = [
      ["/changes/echo", ["test-a"], 400, "BAD_REQUEST"],
      ["/changes/echo", { ids: [""] }, 400, "BAD_REQUEST"],
      ["/changes/refuse", {}, 400, "BAD_USER_INPUT"],
      ["/changes/break", {}, 500, "STEP_FAILED"],
    ];
    for (const [path, body, status, code] of cases) {
      const response = await post(path, body);
      expect(response.status, path).toBe(status);
      expect(await codeOf(response), path).toBe(code);
    }
  });

  it("is behind the gateway secret", async () => {
    const response = await post("/changes/echo", { ids: [] }, { [GATEWAY_SECRET_HEADER]: "guess" });
    expect(response.status).toBe(403);
  });
});
