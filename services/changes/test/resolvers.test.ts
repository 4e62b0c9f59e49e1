// The changes subgraph's API as the gateway calls it: arguments and the viewer reach the
// coordinator, the edits and remarks of a changeset resolve, references obey the visibility rules.
import { localExecutor, type Viewer } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setChangeParticipants } from "../src/participants";
import { buildChangesSubgraph } from "../src/schema";
import { openChangesDatabase } from "../src/server";
import { FakeParticipant } from "./fake-participant";

const editor: Viewer = { subject: "test-editor", name: "Test Editor", role: "editor" };
const contributor: Viewer = { subject: "test-contributor", name: "Test Contributor", role: "contributor" };

let db: DataSource;
let participant: FakeParticipant;
let run: (viewer: Viewer | null, query: string, variables?: Record<string, unknown>) => Promise<unknown>;

beforeAll(async () => {
  db = await openChangesDatabase({ url: ":memory:" });
  const { schema } = await buildChangesSubgraph();
  participant = new FakeParticipant("cities").seedRecord("test-city", "Old name");
  setChangeParticipants([participant], db);
  run = async (viewer, query, variables) => {
    const { data, errors } = await localExecutor(schema, db, viewer)(query, variables);
    return errors ? { data, errors: errors.map((error) => error.extensions?.code) } : data;
  };
});
afterAll(() => db.destroy());

const CHANGESET = /* GraphQL */ `
  query ($id: ID!) {
    changeset(id: $id) {
      status
      authorName
      reviewerName
      subgraphs
      edits { subgraph recordId state }
      comments { authorName text }
    }
  }
`;

describe("a changeset's way through the API", () => {
  it("is opened, staged, discussed, submitted and applied, and seen as the rules say", async () => {
    const opened = (await run(
      contributor,
      `mutation { openChangeset(comment: "Rename a test city") { id status kind } }`,
    )) as {
      openChangeset: { id: string; status: string; kind: string };
    };
    const { id } = opened.openChangeset;
    expect(opened.openChangeset).toMatchObject({ status: "OPEN", kind: "EDIT" });
    participant.stage(id, { id: contributor.subject, name: contributor.name }, "test-city", "New name");

    await run(
      contributor,
      `mutation ($id: ID!) { commentOnChangeset(id: $id, text: "Source attached") { id } }`,
      { id },
    );
    expect(await run(null, CHANGESET, { id })).toEqual({ changeset: null });
    expect(await run(contributor, `mutation ($id: ID!) { applyChangeset(id: $id) { id } }`, { id })).toEqual({
      data: null,
      errors: ["FORBIDDEN"],
    });
    await run(contributor, `mutation ($id: ID!) { submitChangeset(id: $id) { status } }`, { id });

    expect(await run(editor, CHANGESET, { id })).toEqual({
      changeset: {
        status: "SUBMITTED",
        authorName: "Test Contributor",
        reviewerName: null,
        subgraphs: [],
        edits: [{ subgraph: "cities", recordId: "test-city", state: "STAGED" }],
        comments: [{ authorName: "Test Contributor", text: "Source attached" }],
      },
    });
    const applied = await run(
      editor,
      `mutation ($id: ID!) { applyChangeset(id: $id, comment: "Checked") { status reviewComment } }`,
      {
        id,
      },
    );
    expect(applied).toEqual({ applyChangeset: { status: "APPLIED", reviewComment: "Checked" } });
    expect(await run(null, CHANGESET, { id })).toMatchObject({
      changeset: { status: "APPLIED", reviewerName: "Test Editor", subgraphs: ["cities"] },
    });
    expect(await run(null, `{ changesets(status: APPLIED) { id } }`)).toEqual({ changesets: [{ id }] });
    expect(await run(null, `{ changes(since: "2000-01-01") { recordId changesetId version } }`)).toEqual({
      changes: [{ recordId: "test-city", changesetId: id, version: 2 }],
    });
  });

  it("resolves a Changeset reference only for those who may see it", async () => {
    const { openChangeset } = (await run(editor, `mutation { openChangeset(comment: "Draft") { id } }`)) as {
      openChangeset: { id: string };
    };
    const query = /* GraphQL */ `
      query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Changeset { id } } }
    `;
    const representations = [{ __typename: "Changeset", id: openChangeset.id }];
    expect(await run(editor, query, { representations })).toEqual({ _entities: [{ id: openChangeset.id }] });
    expect(await run(null, query, { representations })).toEqual({ _entities: [null] });
  });

  it("refuses anonymous writes with UNAUTHENTICATED", async () => {
    expect(await run(null, `mutation { openChangeset(comment: "Anonymous") { id } }`)).toEqual({
      data: null,
      errors: ["UNAUTHENTICATED"],
    });
  });
});
