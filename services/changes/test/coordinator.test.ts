// The coordinator against participants in memory, on SQLite and (with TEST_DATABASE_URL) on
// PostgreSQL: all or none across subgraphs, one winner of two reviewers, recovery of what a failure
// left APPLYING, the visibility rules by role, rejecting and reverting.
import { randomBytes } from "node:crypto";
import { readRevision, type Viewer } from "@twingraph/kit/subgraph";
import { DataSource } from "typeorm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Changes } from "../src/coordinator";
import { Changeset, ChangesetStatus } from "../src/entities";
import { openChangesDatabase } from "../src/server";
import { compareAndSet } from "../src/store";
import { FakeParticipant } from "./fake-participant";

const editor: Viewer = { subject: "test-editor", name: "Test Editor", role: "editor" };
const secondEditor: Viewer = { subject: "test-editor-2", name: "Second Test Editor", role: "editor" };
const contributor: Viewer = { subject: "test-contributor", name: "Test Contributor", role: "contributor" };
const otherContributor: Viewer = {
  subject: "test-contributor-2",
  name: "Other Contributor",
  role: "contributor",
};

const person = (viewer: Viewer) => ({ id: viewer.subject, name: viewer.name });
const code = (value: string) => ({ extensions: expect.objectContaining({ code: value }) });

function coordinatorTests(open: () => Promise<DataSource>, close: (db: DataSource) => Promise<void>) {
  let db: DataSource;
  let a: FakeParticipant;
  let b: FakeParticipant;
  let changes: Changes;

  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => close(db));
  beforeEach(() => {
    a = new FakeParticipant("a").seedRecord("r1", "one");
    b = new FakeParticipant("b").seedRecord("r2", "two");
    changes = new Changes(db, { participants: [a, b], redisUrl: null, commitAttempts: 2, retryDelayMs: 1 });
  });

  /** A changeset by `author` with an edit in each participant. */
  async function twoSubgraphChangeset(author: Viewer): Promise<Changeset> {
    const changeset = await changes.open(author, "Two records change together");
    a.stage(changeset.id, person(author), "r1", "one, corrected");
    b.stage(changeset.id, person(author), "r2", "two, corrected");
    return changeset;
  }

  async function submitted(): Promise<Changeset> {
    const changeset = await twoSubgraphChangeset(contributor);
    return changes.submit(contributor, changeset.id);
  }

  async function statusOf(id: string): Promise<ChangesetStatus> {
    return (await db.getRepository(Changeset).findOneByOrFail({ id })).status;
  }

  describe("applying", () => {
    it("applies an editor's own open changeset in every subgraph", async () => {
      const { id } = await twoSubgraphChangeset(editor);
      const before = await readRevision(db.manager);
      const applied = await changes.apply(editor, id, "Checked against the sources");
      expect(applied).toMatchObject({
        status: "APPLIED",
        phase: null,
        subgraphs: ["a", "b"],
        reviewerName: "Test Editor",
        reviewComment: "Checked against the sources",
      });
      expect(applied.reviewedAt).toEqual(expect.any(String));
      expect([a.value("r1"), b.value("r2")]).toEqual(["one, corrected", "two, corrected"]);
      // a decision anonymous readers see moves the database's revision on (the first write starts it at random)
      expect(await readRevision(db.manager)).not.toBe(before);
    });

    it("applies a contributor's changeset once submitted, by an editor", async () => {
      const { id } = await twoSubgraphChangeset(contributor);
      await expect(changes.apply(editor, id, null)).rejects.toMatchObject(code("FORBIDDEN"));
      await expect(changes.submit(editor, id)).rejects.toMatchObject(code("FORBIDDEN"));
      const waiting = await changes.submit(contributor, id);
      expect(waiting).toMatchObject({ status: "SUBMITTED", submittedAt: expect.any(String) });
      await expect(changes.apply(contributor, id, null)).rejects.toMatchObject(code("FORBIDDEN"));
      await expect(changes.apply(null, id, null)).rejects.toMatchObject(code("UNAUTHENTICATED"));
      expect(await changes.apply(editor, id, null)).toMatchObject({
        status: "APPLIED",
        authorName: "Test Contributor",
      });
      await expect(changes.apply(editor, id, null)).rejects.toMatchObject(code("CHANGESET_CLOSED"));
    });

    it("aborts every subgraph when one finds a conflict, and returns the changeset as it was", async () => {
      const { id } = await submitted();
      b.change("r2", "two, changed meanwhile");
      const refused = changes.apply(editor, id, null);
      await expect(refused).rejects.toMatchObject({
        extensions: {
          code: "CONFLICT",
          changesetId: id,
          conflicts: [expect.objectContaining({ subgraph: "b", recordId: "r2", currentVersion: 2 })],
        },
      });
      expect(await statusOf(id)).toBe("SUBMITTED");
      expect(a.statesOf(id)).toEqual(["STAGED"]);
      expect(a.calls).toContain(`abort ${id}`);
      expect(a.value("r1")).toBe("one");
    });

    it("aborts every subgraph when one cannot prepare: SUBGRAPH_UNAVAILABLE", async () => {
      const { id } = await submitted();
      b.failNext("prepare");
      await expect(changes.apply(editor, id, null)).rejects.toMatchObject({
        extensions: { code: "SUBGRAPH_UNAVAILABLE", subgraphs: ["b"] },
      });
      expect(await statusOf(id)).toBe("SUBMITTED");
      expect(a.statesOf(id)).toEqual(["STAGED"]);
      expect(a.value("r1")).toBe("one");
    });

    it("refuses a changeset without edits", async () => {
      const { id } = await changes.open(editor, "Nothing yet");
      await expect(changes.apply(editor, id, null)).rejects.toMatchObject(code("BAD_USER_INPUT"));
      expect(await statusOf(id)).toBe("OPEN");
    });

    it("leaves a changeset APPLYING when a commit fails, and the recovery pass completes it", async () => {
      const { id } = await submitted();
      b.failNext("commit", 2);
      const answered = await changes.apply(editor, id, null);
      expect(answered).toMatchObject({ status: "APPLYING", phase: "COMMITTING" });
      expect([a.value("r1"), b.value("r2")]).toEqual(["one, corrected", "two"]);
      expect(await changes.recover()).toEqual({ committed: [id], aborted: [], pending: [] });
      expect(await statusOf(id)).toBe("APPLIED");
      expect(b.value("r2")).toBe("two, corrected");
      // the commit that had gone through is sent again and changes nothing
      expect(a.versions.filter((version) => version.changesetId === id)).toHaveLength(1);
    });

    it("keeps sending the commits while a subgraph stays away", async () => {
      const { id } = await submitted();
      b.failNext("commit", 4);
      await changes.apply(editor, id, null);
      expect(await changes.recover()).toEqual({ committed: [], aborted: [], pending: [id] });
      expect(await changes.recover()).toEqual({ committed: [id], aborted: [], pending: [] });
    });

    it("aborts everywhere a changeset that recovery finds PREPARING (presumed abort)", async () => {
      const { id } = await submitted();
      await a.prepare(id, contributor.subject);
      await compareAndSet(
        db.manager,
        id,
        {},
        {
          status: ChangesetStatus.APPLYING,
          phase: "PREPARING",
          statusBeforeApply: ChangesetStatus.SUBMITTED,
        },
      );
      expect(await changes.recover()).toEqual({ committed: [], aborted: [id], pending: [] });
      expect(await db.getRepository(Changeset).findOneByOrFail({ id })).toMatchObject({
        status: "SUBMITTED",
        phase: null,
      });
      expect(a.statesOf(id)).toEqual(["STAGED"]);
      expect(await changes.apply(editor, id, null)).toMatchObject({ status: "APPLIED" });
    });

    it("leaves an apply under way to the call that makes it", async () => {
      const { id } = await submitted();
      a.delay("prepare", 100);
      const applying = changes.apply(editor, id, null);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(await changes.recover()).toEqual({ committed: [], aborted: [], pending: [] });
      expect(await applying).toMatchObject({ status: "APPLIED" });
    });

    it("lets exactly one of two editors applying at once win; the other hears CONFLICT", async () => {
      const { id } = await submitted();
      a.delay("prepare", 100);
      const attempts = [changes.apply(editor, id, null), changes.apply(secondEditor, id, null)];
      const firstRefusal = Promise.any(
        attempts.map((attempt) =>
          attempt.then(
            () => Promise.reject(new Error("applied")),
            (error: unknown) => error,
          ),
        ),
      );
      expect(await firstRefusal).toMatchObject(code("CONFLICT"));
      // the winner is still preparing: the loser's end leaves it to the winner
      expect(await changes.recover()).toEqual({ committed: [], aborted: [], pending: [] });
      const outcomes = await Promise.allSettled(attempts);
      expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
      expect(await statusOf(id)).toBe("APPLIED");
      expect(a.calls.filter((call) => call === `commit ${id}`)).toHaveLength(1);
    });
  });

  describe("rejecting", () => {
    it("rejects with the reviewer's reason and releases the edits for good", async () => {
      const { id } = await submitted();
      await expect(changes.reject(contributor, id, "no")).rejects.toMatchObject(code("FORBIDDEN"));
      await expect(changes.reject(editor, id, "  ")).rejects.toMatchObject(code("BAD_USER_INPUT"));
      const rejected = await changes.reject(editor, id, "The source does not say so");
      expect(rejected).toMatchObject({
        status: "REJECTED",
        reviewerName: "Test Editor",
        reviewComment: "The source does not say so",
      });
      expect([...a.statesOf(id), ...b.statesOf(id)]).toEqual(["ABORTED", "ABORTED"]);
      await expect(changes.apply(editor, id, null)).rejects.toMatchObject(code("CHANGESET_CLOSED"));
      await expect(changes.reject(editor, id, "again")).rejects.toMatchObject(code("CHANGESET_CLOSED"));
    });
  });

  describe("reverting", () => {
    it("applies a REVERT changeset that restores the values, and marks the reverted one", async () => {
      const { id } = await twoSubgraphChangeset(editor);
      await changes.apply(editor, id, null);
      await expect(changes.revert(contributor, id, "wrong")).rejects.toMatchObject(code("FORBIDDEN"));
      const revert = await changes.revert(editor, id, "The import read the wrong column");
      expect(revert).toMatchObject({
        kind: "REVERT",
        status: "APPLIED",
        revertOf: id,
        authorName: "Test Editor",
        comment: "The import read the wrong column",
      });
      expect([a.value("r1"), b.value("r2")]).toEqual(["one", "two"]);
      expect(await db.getRepository(Changeset).findOneByOrFail({ id })).toMatchObject({
        revertedBy: revert.id,
      });
      await expect(changes.revert(editor, id, "again")).rejects.toMatchObject(code("CONFLICT"));
    });

    it("leaves the revert REJECTED with the reason when a record changed since", async () => {
      const { id } = await twoSubgraphChangeset(editor);
      await changes.apply(editor, id, null);
      b.change("r2", "two, changed later");
      await expect(changes.revert(editor, id, "Undo")).rejects.toMatchObject({
        extensions: {
          code: "CONFLICT",
          conflicts: [expect.objectContaining({ subgraph: "b", recordId: "r2" })],
        },
      });
      const [revert] = await changes.list(editor, ChangesetStatus.REJECTED, 1);
      expect(revert).toMatchObject({
        kind: "REVERT",
        revertOf: id,
        reviewComment: expect.stringMatching(/r2/),
      });
      expect(a.statesOf(revert.id)).toEqual(["ABORTED"]);
      expect(await db.getRepository(Changeset).findOneByOrFail({ id })).toMatchObject({ revertedBy: null });
      expect(a.value("r1")).toBe("one, corrected");
    });

    it("reverts only an applied changeset", async () => {
      const { id } = await submitted();
      await expect(changes.revert(editor, id, "Undo")).rejects.toMatchObject(code("BAD_USER_INPUT"));
    });
  });

  describe("visibility", () => {
    it("shows open, submitted and applying changesets only to their author and editors", async () => {
      const opened = await changes.open(contributor, "Work in progress");
      const waiting = await submitted();
      const applied = await twoSubgraphChangeset(editor);
      await changes.apply(editor, applied.id, null);
      const rejected = await submitted();
      await changes.reject(editor, rejected.id, "Not in the source");

      for (const viewer of [null, otherContributor]) {
        expect(await changes.find(viewer, opened.id)).toBeNull();
        expect(await changes.find(viewer, waiting.id)).toBeNull();
        expect(await changes.find(viewer, applied.id)).toMatchObject({ id: applied.id });
        const seen = (await changes.list(viewer, null, 100)).map((changeset) => changeset.status);
        expect(new Set(seen)).toEqual(new Set(["APPLIED", "REJECTED"]));
        expect(await changes.list(viewer, ChangesetStatus.SUBMITTED, 100)).toEqual([]);
      }
      await expect(changes.submit(otherContributor, opened.id)).rejects.toMatchObject(code("NOT_FOUND"));
      await expect(changes.comment(null, applied.id, "Thanks")).rejects.toMatchObject(
        code("UNAUTHENTICATED"),
      );

      expect(await changes.find(contributor, opened.id)).toMatchObject({ status: "OPEN" });
      const own = (await changes.list(contributor, ChangesetStatus.OPEN, 100)).map(
        (changeset) => changeset.id,
      );
      expect(own).toContain(opened.id);

      expect(await changes.find(editor, opened.id)).toMatchObject({ status: "OPEN" });
      const forEditors = (await changes.list(editor, null, 100)).map((changeset) => changeset.id);
      expect(forEditors).toEqual(expect.arrayContaining([opened.id, waiting.id, applied.id, rejected.id]));
    });

    it("lists newest first, at most `first`", async () => {
      const older = await changes.open(editor, "Older");
      await new Promise((resolve) => setTimeout(resolve, 5));
      const newer = await changes.open(editor, "Newer");
      const listed = await changes.list(editor, ChangesetStatus.OPEN, 2);
      expect(listed.map((changeset) => changeset.id)).toEqual([newer.id, older.id]);
      await expect(changes.list(editor, null, 101)).rejects.toMatchObject(code("BAD_USER_INPUT"));
    });
  });

  describe("reads across the subgraphs", () => {
    it("gathers a changeset's edits from every subgraph", async () => {
      const changeset = await twoSubgraphChangeset(contributor);
      const edits = await changes.edits(changeset);
      expect(edits.map((edit) => [edit.subgraph, edit.recordId])).toEqual([
        ["a", "r1"],
        ["b", "r2"],
      ]);
    });

    it("merges the applied versions oldest first, at most `first`", async () => {
      const since = new Date().toISOString();
      const first = await twoSubgraphChangeset(editor);
      await changes.apply(editor, first.id, null);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const second = await changes.open(editor, "Later");
      a.stage(second.id, person(editor), "r1", "one, later");
      await changes.apply(editor, second.id, null);
      const feed = await changes.changes(since, 50);
      expect(feed.map((change) => [change.changesetId, change.recordId])).toEqual([
        [first.id, "r1"],
        [first.id, "r2"],
        [second.id, "r1"],
      ]);
      expect(await changes.changes(since, 2)).toHaveLength(2);
      await expect(changes.changes("last week", 10)).rejects.toMatchObject(code("BAD_USER_INPUT"));
      b.failNext("history");
      await expect(changes.changes(since, 10)).rejects.toMatchObject({
        extensions: { code: "SUBGRAPH_UNAVAILABLE", subgraphs: ["b"] },
      });
    });
  });
}

describe("the coordinator on SQLite", () => {
  coordinatorTests(
    () => openChangesDatabase({ url: ":memory:" }),
    (db) => db.destroy(),
  );
});

const postgresUrl = process.env.TEST_DATABASE_URL;
describe.skipIf(!postgresUrl)(
  postgresUrl
    ? "the coordinator on PostgreSQL"
    : "the coordinator on PostgreSQL: skipped, TEST_DATABASE_URL is not set",
  () => {
    const schema = `changes_test_${randomBytes(4).toString("hex")}`;
    coordinatorTests(
      () => openChangesDatabase({ url: postgresUrl, schema }),
      async (db) => {
        await db.destroy();
        const admin = await new DataSource({ type: "postgres", url: postgresUrl }).initialize();
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await admin.destroy();
      },
    );
  },
);
