// Staging a list of edits at once (POST /changes/stage, ChangeParticipant.stage): every edit through
// stageEdit's checks in one transaction, all or none, in process and over HTTP; a dry run keeps none.
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CHANGE_PATHS,
  type ChangeParticipant,
  type EditToStage,
  httpParticipant,
  localParticipant,
  newChangesetId,
  ParticipantError,
  StagedEdit,
} from "../src/editing";
import { GATEWAY_SECRET_HEADER } from "../src/secret";
import type { RunningServer } from "../src/serve";
import { listenSubgraph } from "../src/subgraph-server";
import { ana, benchRow, boris, codeOf, createRequest, openParks, registry } from "./editing-fixture";

const SECRET = "a-stage-test-secret";

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: "Query", fields: { ok: { type: GraphQLString } } }),
});

let db: DataSource;
let running: RunningServer;
let benchCount = 0;
const newBenchId = () => `bench-stage-${++benchCount}`;

/** A CREATE of a new bench, without its changeset (the list's). */
function createEdit(values: Record<string, unknown> = {}): EditToStage {
  const { changesetId: _list, ...edit } = createRequest("unused", newBenchId(), values);
  return edit;
}

const stagedIn = (changesetId: string) => db.getRepository(StagedEdit).countBy({ changesetId });

beforeAll(async () => {
  db = await openParks();
  running = await listenSubgraph("parks", schema, db, { port: 0, secret: SECRET, editing: registry });
});

afterAll(async () => {
  await running?.close();
  await db?.destroy();
});

describe.each([
  ["in process", () => localParticipant("parks", db, registry)],
  ["over HTTP", () => httpParticipant("parks", running.url, SECRET)],
] as const)("stage %s", (_how, participantOf: () => ChangeParticipant) => {
  it("stages every edit of the list in the changeset, as the viewer", async () => {
    const parks = participantOf();
    const changesetId = newChangesetId(ana.subject);
    const edits = [createEdit(), createEdit({ seats: 2 })];
    expect(await parks.stageEdits(changesetId, ana, edits)).toEqual({ staged: 2 });
    const rows = await db.getRepository(StagedEdit).find({ where: { changesetId }, order: { id: "ASC" } });
    expect(rows.map((row) => [row.recordId, row.authorName, row.state])).toEqual(
      edits.map((edit) => [edit.recordId, ana.name, "STAGED"]),
    );
    // staged, not applied: nobody reads them yet
    expect(await benchRow(db.manager, edits[0].recordId)).toBeNull();
  });

  it("stages none when one edit is refused, naming that edit", async () => {
    const parks = participantOf();
    const changesetId = newChangesetId(ana.subject);
    const refused = createEdit({ seats: -1 });
    const error = await parks.stageEdits(changesetId, ana, [createEdit(), refused]).catch((caught) => caught);
    const code = error instanceof ParticipantError ? error.code : error.extensions?.code;
    expect(code).toBe("BAD_USER_INPUT");
    expect(error.message).toContain(`edits[1] Bench ${refused.recordId}`);
    expect(await stagedIn(changesetId)).toBe(0);
  });

  it("checks every edit on a dry run and keeps none", async () => {
    const parks = participantOf();
    const changesetId = newChangesetId(ana.subject);
    expect(await parks.stageEdits(changesetId, ana, [createEdit(), createEdit()], true)).toEqual({
      staged: 2,
    });
    expect(await stagedIn(changesetId)).toBe(0);
    const refused = parks.stageEdits(changesetId, ana, [createEdit({ seats: -3 })], true);
    await expect(refused).rejects.toThrow(/must be 0 or more/);
  });

  it("refuses another account's changeset and edits without a source", async () => {
    const parks = participantOf();
    const borisChangeset = newChangesetId(boris.subject);
    const codeOfRefusal = async (promise: Promise<unknown>) => {
      const error = await promise.catch((caught) => caught);
      return error instanceof ParticipantError ? error.code : codeOf(Promise.reject(error));
    };
    expect(await codeOfRefusal(parks.stageEdits(borisChangeset, ana, [createEdit()]))).toBe("FORBIDDEN");
    const ownChangeset = newChangesetId(ana.subject);
    const unsourced = { ...createEdit(), source: null };
    expect(await codeOfRefusal(parks.stageEdits(ownChangeset, ana, [unsourced]))).toBe("SOURCE_REQUIRED");
    expect(await stagedIn(borisChangeset)).toBe(0);
    expect(await stagedIn(ownChangeset)).toBe(0);
  });
});

describe("the stage route", () => {
  it("answers 400 naming the field for a body out of shape", async () => {
    const response = await fetch(new URL(CHANGE_PATHS.stage, running.url), {
      method: "POST",
      headers: { "content-type": "application/json", [GATEWAY_SECRET_HEADER]: SECRET },
      body: JSON.stringify({
        changesetId: newChangesetId(ana.subject),
        viewer: ana,
        edits: [{ entity: "Bench" }],
        dryRun: false,
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe("BAD_REQUEST");
    expect(body.errors[0].message).toContain('"edits" must be a list of edits');
  });

  it("requires the gateway secret", async () => {
    const response = await fetch(new URL(CHANGE_PATHS.stage, running.url), { method: "POST", body: "{}" });
    expect(response.status).toBe(401);
  });
});
