// A subgraph's change routes and viewer headers over HTTP: the apply protocol through
// httpParticipant against listenSubgraph, behind the gateway secret, and the signed viewer in the
// GraphQL context (good, missing, tampered).
import net from "node:net";
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  CHANGE_PATHS,
  FAULT_EXIT_CODE,
  FAULT_VARIABLE,
  httpParticipant,
  newChangesetId,
  ParticipantError,
  stageEdit,
} from "../src/editing";
import { GATEWAY_SECRET_HEADER } from "../src/secret";
import type { RunningServer } from "../src/serve";
import { listenSubgraph, type SubgraphContext } from "../src/subgraph-server";
import { VIEWER_HEADER, VIEWER_SIGNATURE_HEADER, viewerHeaders } from "../src/viewer";
import { ana, as, benchRow, createRequest, eva, openParks, registry, updateRequest } from "./editing-fixture";
import { codeOf } from "./http-client";

const SECRET = "a-test-secret";

const schema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, SubgraphContext>({
    name: "Query",
    fields: {
      viewerName: { type: GraphQLString, resolve: (_root, _args, context) => context.viewer?.name ?? null },
    },
  }),
});

let db: DataSource;
let running: RunningServer;
let origin: string;

beforeAll(async () => {
  db = await openParks();
  running = await listenSubgraph("parks", schema, db, { port: 0, secret: SECRET, editing: registry });
  origin = `http://127.0.0.1:${running.port}`;
});

afterAll(async () => {
  await running?.close();
  await db?.destroy();
});

describe("the change routes", () => {
  it("run the apply protocol for httpParticipant, behind the gateway secret", async () => {
    const parks = httpParticipant("parks", running.url, SECRET);
    const changesetId = newChangesetId(ana.subject);
    const id = "bench-http-1";
    await stageEdit(as(db, ana), registry, createRequest(changesetId, id));
    expect(await parks.edits(changesetId)).toEqual([
      expect.objectContaining({ recordId: id, state: "STAGED" }),
    ]);
    expect(await parks.prepare(changesetId, ana.subject)).toEqual({
      edits: 1,
      conflicts: [],
      applied: false,
    });
    const since = new Date().toISOString();
    const reviewer = { id: eva.subject, name: eva.name };
    const commit = await parks.commit(changesetId, reviewer);
    expect(commit.versions).toEqual([expect.objectContaining({ recordId: id, version: 1, op: "CREATE" })]);
    expect(await parks.commit(changesetId, reviewer)).toEqual({ versions: [] });
    expect(await parks.history(since, 10)).toEqual(commit.versions);

    const update = newChangesetId(ana.subject);
    await stageEdit(as(db, ana), registry, updateRequest(update, id, 1, { seats: 3 }));
    await parks.prepare(update, ana.subject);
    await parks.abort(update, true);
    expect((await parks.edits(update))[0].state).toBe("ABORTED");

    const revert = newChangesetId(eva.subject);
    expect(await parks.revert(changesetId, revert, reviewer, "test revert")).toEqual({
      staged: 1,
      conflicts: [],
    });
    expect(await benchRow(db.manager, id)).toMatchObject({ version: 1, rank: "NORMAL" });
  });

  it("exit before writing when the test-only fault is set, and commit when sent again after", async () => {
    const parks = httpParticipant("parks", origin, SECRET);
    const changesetId = newChangesetId(ana.subject);
    const id = "bench-http-fault";
    await stageEdit(as(db, ana), registry, createRequest(changesetId, id));
    await parks.prepare(changesetId, ana.subject);
    const reviewer = { id: eva.subject, name: eva.name };
    // the process would end here; the stub throws instead, so the route fails without writing
    const exit = vi.spyOn(process, "exit").mockImplementation(() => {
      throw new Error("process.exit");
    });
    vi.stubEnv(FAULT_VARIABLE, "exit-on-commit");
    try {
      await expect(parks.commit(changesetId, reviewer)).rejects.toThrow(/parks subgraph/);
      expect(exit).toHaveBeenCalledWith(FAULT_EXIT_CODE);
      expect(await benchRow(db.manager, id)).toBeNull();
    } finally {
      vi.unstubAllEnvs();
      exit.mockRestore();
    }
    expect((await parks.commit(changesetId, reviewer)).versions).toHaveLength(1);
  });

  it("refuse callers without the secret, and the participant's error names the subgraph", async () => {
    const wrong = httpParticipant("parks", origin, `${SECRET}x`);
    const refused = await wrong
      .prepare(newChangesetId(ana.subject), ana.subject)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ParticipantError);
    expect(refused).toMatchObject({ subgraph: "parks", step: "prepare", status: 403, code: "FORBIDDEN" });
    expect((refused as Error).message).toMatch(/^The parks subgraph .* refused prepare \(403\)/);
  });

  it("refuse a body without the step's fields (400) and a GET (405)", async () => {
    const headers = { "content-type": "application/json", [GATEWAY_SECRET_HEADER]: SECRET };
    const missing = await fetch(`${origin}${CHANGE_PATHS.commit}`, {
      method: "POST",
      headers,
      body: JSON.stringify({ changesetId: newChangesetId(ana.subject) }),
    });
    expect(missing.status).toBe(400);
    expect(await codeOf(missing)).toBe("BAD_REQUEST");
    const get = await fetch(`${origin}${CHANGE_PATHS.history}`, { headers });
    expect(get.status).toBe(405);
  });

  it("turn an unreachable or silent subgraph into an error that names it", async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const slow = httpParticipant("news", `http://127.0.0.1:${port}`, SECRET, { timeoutMs: 200 });
      await expect(slow.history(new Date(0).toISOString(), 1)).rejects.toThrow(
        /^The news subgraph .* did not answer history within 200 ms/,
      );
    } finally {
      silent.close();
    }
    const away = httpParticipant("cities", `http://127.0.0.1:${port}`, SECRET);
    await expect(away.abort(newChangesetId(ana.subject), false)).rejects.toThrow(
      /^The cities subgraph .* could not be reached/,
    );
  });
});

describe("the viewer header", () => {
  const ask = (headers: Record<string, string>) =>
    fetch(`${origin}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", [GATEWAY_SECRET_HEADER]: SECRET, ...headers },
      body: JSON.stringify({ query: "{ viewerName }" }),
    });

  it("puts the signed viewer in the context, and none when absent", async () => {
    const signed = await ask(viewerHeaders(ana, SECRET));
    expect(await signed.json()).toEqual({ data: { viewerName: ana.name } });
    const anonymous = await ask({});
    expect(await anonymous.json()).toEqual({ data: { viewerName: null } });
  });

  it("refuses a viewer signed with another secret or changed after signing (401)", async () => {
    const forged = await ask(viewerHeaders({ ...ana, role: "admin" }, "another-secret"));
    expect(forged.status).toBe(401);
    expect(await codeOf(forged)).toBe("UNAUTHENTICATED");
    const headers = viewerHeaders(ana, SECRET);
    const promoted = Buffer.from(JSON.stringify({ ...ana, role: "admin" })).toString("base64url");
    const tampered = await ask({
      [VIEWER_HEADER]: promoted,
      [VIEWER_SIGNATURE_HEADER]: headers[VIEWER_SIGNATURE_HEADER],
    });
    expect(tampered.status).toBe(401);
    const unsigned = await ask({ [VIEWER_HEADER]: headers[VIEWER_HEADER] });
    expect(unsigned.status).toBe(401);
  });
});
