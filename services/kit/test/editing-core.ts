// The kit's editing core, run on each database: staging and its refusals, the apply protocol
// (prepare, commit, abort) with versions and history, races between changesets and between two
// commits of one, reverts, and history kept by tracked writes.
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRevision } from "../src/data-revision";
import {
  type ChangeParticipant,
  historyOf,
  localParticipant,
  newChangesetId,
  proposedEdit,
  RecordRank,
  RecordVersion,
  StagedEdit,
  setChangeContext,
  stageEdit,
  trackChanges,
} from "../src/editing";
import type { Viewer } from "../src/viewer";
import {
  ana,
  as,
  Bench,
  benches,
  benchRow,
  boris,
  codeOf,
  createRequest,
  deprecateRequest,
  eva,
  otherSource,
  otherStored,
  registry,
  source,
  stored,
  updateRequest,
} from "./editing-fixture";

export function describeEditingCore(title: string, open: () => Promise<DataSource>): void {
  describe(title, () => {
    let db: DataSource;
    let parks: ChangeParticipant;
    let benchCount = 0;
    /** a bench id no other test uses */
    const newBenchId = () => `bench-${++benchCount}`;
    /** a new changeset of Ana's, who makes most of the edits here */
    const anasChangeset = () => newChangesetId(ana.subject);

    beforeAll(async () => {
      db = await open();
      parks = localParticipant("parks", db, registry);
    });
    afterAll(() => db?.destroy());

    async function applyChangeset(changesetId: string, author = ana) {
      const prepared = await parks.prepare(changesetId, author.subject);
      expect(prepared.conflicts).toEqual([]);
      return parks.commit(changesetId, { id: eva.subject, name: eva.name });
    }

    async function createBench(values = {}): Promise<string> {
      const id = newBenchId();
      const changesetId = anasChangeset();
      await stageEdit(as(db, ana), registry, createRequest(changesetId, id, values));
      await applyChangeset(changesetId);
      return id;
    }

    /** Opens a pool's connections beforehand, so racing steps start together rather than one per new connection. */
    const openConnections = (count: number) =>
      Promise.all(Array.from({ length: count }, () => db.query("SELECT 1")));
    const stagedCount = () => db.getRepository(StagedEdit).count();
    const versionsOf = (recordId: string) =>
      db.getRepository(RecordVersion).find({ where: { recordId }, order: { version: "ASC" } });

    describe("staging refuses with a code and stages nothing", () => {
      it("UNAUTHENTICATED without a viewer, SOURCE_REQUIRED without a source or its quote", async () => {
        const before = await stagedCount();
        const request = createRequest(anasChangeset(), newBenchId());
        expect(await codeOf(stageEdit(as(db, null), registry, request))).toBe("UNAUTHENTICATED");
        expect(await codeOf(stageEdit(as(db, ana), registry, { ...request, source: null }))).toBe(
          "SOURCE_REQUIRED",
        );
        expect(
          await codeOf(stageEdit(as(db, ana), registry, { ...request, source: { ...source, quote: " " } })),
        ).toBe("SOURCE_REQUIRED");
        expect(await stagedCount()).toBe(before);
      });

      it("BAD_USER_INPUT for a changeset id of another form, the entity's own check, a deprecation without reason", async () => {
        const before = await stagedCount();
        const id = newBenchId();
        // the last is of the form ids had before they named their author
        for (const changesetId of ["cs_short", "changeset-1", "cs_has space", "cs_abcdefghijklmnop"])
          expect(await codeOf(stageEdit(as(db, ana), registry, createRequest(changesetId, id)))).toBe(
            "BAD_USER_INPUT",
          );
        const existing = await createBench();
        const stale = await stagedCount();
        expect(
          await codeOf(
            stageEdit(as(db, ana), registry, createRequest(anasChangeset(), newBenchId(), { seats: -1 })),
          ),
        ).toBe("BAD_USER_INPUT");
        expect(
          await codeOf(
            stageEdit(as(db, ana), registry, deprecateRequest(anasChangeset(), existing, 1, "  ")),
          ),
        ).toBe("BAD_USER_INPUT");
        expect(await stagedCount()).toBe(stale);
        expect(stale).toBeGreaterThan(before);
      });

      it("NOT_FOUND for an update of an absent record; CONFLICT for a stale or missing version, with the current values", async () => {
        const id = await createBench();
        const before = await stagedCount();
        expect(
          await codeOf(
            stageEdit(as(db, ana), registry, updateRequest(anasChangeset(), "bench-none", 1, { seats: 2 })),
          ),
        ).toBe("NOT_FOUND");
        const stale = stageEdit(as(db, ana), registry, updateRequest(anasChangeset(), id, 7, { seats: 2 }));
        await expect(stale).rejects.toMatchObject({
          extensions: {
            code: "CONFLICT",
            currentVersion: 1,
            current: {
              id,
              name: "Pond bench",
              seats: 4,
              sources: [stored],
              rank: "NORMAL",
              deprecationReason: null,
            },
          },
        });
        expect(
          await codeOf(
            stageEdit(as(db, ana), registry, updateRequest(anasChangeset(), id, null, { seats: 2 })),
          ),
        ).toBe("CONFLICT");
        expect(await stagedCount()).toBe(before);
      });

      it("CONFLICT for a create whose id exists or is proposed in another changeset", async () => {
        const id = await createBench();
        expect(await codeOf(stageEdit(as(db, ana), registry, createRequest(anasChangeset(), id)))).toBe(
          "CONFLICT",
        );
        const proposed = newBenchId();
        await stageEdit(as(db, ana), registry, createRequest(anasChangeset(), proposed));
        await expect(
          stageEdit(as(db, boris), registry, createRequest(newChangesetId(boris.subject), proposed)),
        ).rejects.toMatchObject({ extensions: { code: "CONFLICT", currentVersion: null } });
      });

      it("FORBIDDEN in a changeset made for another account or never made, though it holds no edits here", async () => {
        const before = await stagedCount();
        const anas = newChangesetId(ana.subject);
        const forged = `${anas.slice(0, -16)}${"a".repeat(16)}`;
        const refused: [Viewer, string][] = [
          [boris, anas],
          [eva, anas],
          [ana, forged],
          [boris, "cs_aaaaaaaaaaaaaaaa_bbbbbbbbbbbbbbbb"],
        ];
        for (const [viewer, changesetId] of refused)
          await expect(
            stageEdit(as(db, viewer), registry, createRequest(changesetId, newBenchId())),
          ).rejects.toMatchObject({ extensions: { code: "FORBIDDEN", changesetId } });
        expect(await stagedCount()).toBe(before);
        // nobody's attempt locked the author out
        await stageEdit(as(db, ana), registry, createRequest(anas, newBenchId()));
        expect(await stagedCount()).toBe(before + 1);
      });

      it("CHANGESET_CLOSED once the changeset is prepared here; FORBIDDEN in another author's changeset", async () => {
        const changesetId = anasChangeset();
        await stageEdit(as(db, ana), registry, createRequest(changesetId, newBenchId()));
        expect(
          await codeOf(stageEdit(as(db, boris), registry, createRequest(changesetId, newBenchId()))),
        ).toBe("FORBIDDEN");
        await parks.prepare(changesetId, ana.subject);
        expect(await codeOf(stageEdit(as(db, ana), registry, createRequest(changesetId, newBenchId())))).toBe(
          "CHANGESET_CLOSED",
        );
        await parks.commit(changesetId, { id: eva.subject, name: eva.name });
        expect(await codeOf(stageEdit(as(db, ana), registry, createRequest(changesetId, newBenchId())))).toBe(
          "CHANGESET_CLOSED",
        );
      });
    });

    it("applies a create, an update and a deprecation with versions, history and the database revision", async () => {
      const id = newBenchId();
      const created = anasChangeset();
      const edit = await stageEdit(as(db, ana), registry, createRequest(created, id));
      const proposed = await proposedEdit(db.manager, registry, edit);
      expect(proposed).toMatchObject({
        subgraph: "parks",
        entity: "Bench",
        recordId: id,
        op: "CREATE",
        state: "STAGED",
      });
      expect(proposed.changes).toContainEqual({ field: "seats", before: null, after: "4" });
      expect(await benchRow(db.manager, id)).toBeNull();
      const revision = await readRevision(db.manager);
      const commit = await applyChangeset(created);
      expect(commit.versions).toHaveLength(1);
      expect(commit.versions[0]).toMatchObject({
        version: 1,
        op: "CREATE",
        changesetId: created,
        authorName: ana.name,
      });
      expect(await readRevision(db.manager)).toBe(revision + 1);
      expect(await benchRow(db.manager, id)).toMatchObject({ version: 1, rank: RecordRank.NORMAL, seats: 4 });

      const updated = newChangesetId(boris.subject);
      await stageEdit(as(db, boris), registry, updateRequest(updated, id, 1, { seats: 6 }));
      await applyChangeset(updated, boris);
      const afterUpdate = await benchRow(db.manager, id);
      expect(afterUpdate).toMatchObject({
        version: 2,
        seats: 6,
        name: "Pond bench",
        sources: [stored, otherStored],
      });

      const deprecated = anasChangeset();
      await stageEdit(
        as(db, ana),
        registry,
        deprecateRequest(deprecated, id, 2, "the bench was never there"),
      );
      await applyChangeset(deprecated);
      expect(await benchRow(db.manager, id)).toMatchObject({
        version: 3,
        rank: RecordRank.DEPRECATED,
        deprecationReason: "the bench was never there",
        seats: 6,
      });

      const history = await historyOf(db.manager, "Bench", id, 20);
      expect(history.map((change) => [change.version, change.op, change.changesetId])).toEqual([
        [3, "DEPRECATE", deprecated],
        [2, "UPDATE", updated],
        [1, "CREATE", created],
      ]);
      expect(history[1].changes).toEqual([
        { field: "seats", before: "4", after: "6" },
        { field: "sources", before: JSON.stringify([stored]), after: JSON.stringify([stored, otherStored]) },
      ]);
      expect(history[1]).toMatchObject({ authorName: boris.name, source: otherStored });
      expect(history[0].changes.map((change) => change.field)).toEqual(["rank", "deprecationReason"]);
      expect(await historyOf(db.manager, "Bench", id, 1)).toHaveLength(1);
      const edits = await parks.edits(updated);
      expect(edits).toEqual([
        expect.objectContaining({
          state: "APPLIED",
          op: "UPDATE",
          baseVersion: 1,
          changes: history[1].changes,
        }),
      ]);
    });

    it("refuses to prepare an edit whose record moved on since it was staged (CONFLICT at prepare)", async () => {
      const id = await createBench();
      const slow = anasChangeset();
      await stageEdit(as(db, ana), registry, updateRequest(slow, id, 1, { seats: 5 }));
      const fast = newChangesetId(boris.subject);
      await stageEdit(as(db, boris), registry, updateRequest(fast, id, 1, { seats: 7 }));
      await applyChangeset(fast, boris);
      const prepared = await parks.prepare(slow, ana.subject);
      expect(prepared.conflicts).toEqual([
        expect.objectContaining({
          entity: "Bench",
          recordId: id,
          baseVersion: 1,
          currentVersion: 2,
          reason: "stale version",
          current: expect.objectContaining({ seats: 7 }),
        }),
      ]);
      expect(await db.getRepository(StagedEdit).findOneBy({ changesetId: slow })).toMatchObject({
        state: "STAGED",
      });
    });

    it("lets only one of several changesets preparing one record at once hold it", async () => {
      const id = await createBench();
      const authors = [ana, boris, ana, boris];
      const changesets = authors.map((author) => newChangesetId(author.subject));
      for (const [index, changesetId] of changesets.entries())
        await stageEdit(
          as(db, authors[index]),
          registry,
          updateRequest(changesetId, id, 1, { seats: index }),
        );
      await openConnections(changesets.length);
      const results = await Promise.all(
        changesets.map((changesetId, index) => parks.prepare(changesetId, authors[index].subject)),
      );
      expect(results.filter((result) => result.conflicts.length === 0)).toHaveLength(1);
      for (const loser of results.filter((result) => result.conflicts.length > 0))
        expect(loser.conflicts[0].reason).toMatch(/^held by changeset cs_/);
      expect(await db.getRepository(StagedEdit).countBy({ recordId: id, state: "PREPARED" })).toBe(1);
    });

    it("applies a changeset once when two commits race, and answers a later prepare with applied", async () => {
      const id = await createBench();
      const changesetId = anasChangeset();
      await stageEdit(as(db, ana), registry, updateRequest(changesetId, id, 1, { seats: 9 }));
      await stageEdit(
        as(db, ana),
        registry,
        updateRequest(changesetId, id, 1, { name: "Pond bench (east)" }),
      );
      expect(await parks.prepare(changesetId, ana.subject)).toEqual({
        edits: 2,
        conflicts: [],
        applied: false,
      });
      expect(await parks.prepare(changesetId, ana.subject)).toEqual({
        edits: 2,
        conflicts: [],
        applied: false,
      });
      const reviewer = { id: eva.subject, name: eva.name };
      await openConnections(2);
      const commits = await Promise.all([
        parks.commit(changesetId, reviewer),
        parks.commit(changesetId, reviewer),
      ]);
      expect(commits.map((commit) => commit.versions.length).sort()).toEqual([0, 2]);
      expect((await versionsOf(id)).map((row) => row.version)).toEqual([1, 2, 3]);
      expect(await benchRow(db.manager, id)).toMatchObject({
        version: 3,
        seats: 9,
        name: "Pond bench (east)",
      });
      expect(await parks.commit(changesetId, reviewer)).toEqual({ versions: [] });
      expect(await parks.prepare(changesetId, ana.subject)).toEqual({
        edits: 2,
        conflicts: [],
        applied: true,
      });
    });

    it("aborts back to staged, or for good when final", async () => {
      const id = await createBench();
      const changesetId = anasChangeset();
      await stageEdit(as(db, ana), registry, updateRequest(changesetId, id, 1, { seats: 1 }));
      await parks.prepare(changesetId, ana.subject);
      await parks.abort(changesetId, false);
      await parks.abort(changesetId, false);
      await stageEdit(
        as(db, ana),
        registry,
        updateRequest(changesetId, id, 1, { name: "Bench by the gate" }),
      );
      const states = () =>
        db
          .getRepository(StagedEdit)
          .find({ where: { changesetId }, order: { id: "ASC" } })
          .then((edits) => edits.map((edit) => edit.state));
      expect(await states()).toEqual(["STAGED", "STAGED"]);
      expect((await parks.prepare(changesetId, ana.subject)).edits).toBe(2);
      await parks.abort(changesetId, true);
      expect(await states()).toEqual(["ABORTED", "ABORTED"]);
      expect(
        await codeOf(stageEdit(as(db, ana), registry, updateRequest(changesetId, id, 1, { seats: 3 }))),
      ).toBe("CHANGESET_CLOSED");
      expect(await parks.prepare(changesetId, ana.subject)).toEqual({
        edits: 0,
        conflicts: [],
        applied: false,
      });
      expect(await benchRow(db.manager, id)).toMatchObject({ version: 1, seats: 4 });
    });

    it("reverts a create by deprecating the record, and an update by restoring values and sources exactly", async () => {
      const created = anasChangeset();
      const createdId = newBenchId();
      const updatedId = await createBench({ name: "Old bench" });
      await stageEdit(as(db, ana), registry, createRequest(created, createdId));
      await stageEdit(
        as(db, ana),
        registry,
        updateRequest(created, updatedId, 1, { name: "New bench", seats: null }),
      );
      await stageEdit(as(db, ana), registry, updateRequest(created, updatedId, 1, { seats: 12 }));
      await applyChangeset(created);
      const original = (await versionsOf(updatedId))[0].after;
      expect(await benchRow(db.manager, updatedId)).toMatchObject({
        version: 3,
        name: "New bench",
        seats: 12,
      });

      const revert = newChangesetId(eva.subject);
      const reverter = { id: eva.subject, name: eva.name };
      expect(await parks.revert(created, revert, reverter, "wrong bench")).toEqual({
        staged: 2,
        conflicts: [],
      });
      expect(await parks.revert(created, revert, reverter, "wrong bench")).toEqual({
        staged: 2,
        conflicts: [],
      });
      const proposed = await parks.edits(revert);
      expect(proposed.map((edit) => [edit.op, edit.recordId, edit.baseVersion])).toEqual([
        ["DEPRECATE", createdId, 1],
        ["RESTORE", updatedId, 3],
      ]);
      expect(proposed[0].source).toMatchObject({
        document: `changeset ${created}`,
        quote: "wrong bench",
        language: "en",
      });
      await applyChangeset(revert, eva);
      expect(await benchRow(db.manager, createdId)).toMatchObject({
        version: 2,
        rank: RecordRank.DEPRECATED,
        deprecationReason: `reverts changeset ${created}: wrong bench`,
      });
      const restored = await versionsOf(updatedId);
      expect(restored.map((row) => row.op)).toEqual(["CREATE", "UPDATE", "UPDATE", "RESTORE"]);
      expect(restored[3].after).toEqual(original);
      expect((await benches.snapshot(db.manager, [updatedId])).get(updatedId)).toEqual({
        id: updatedId,
        name: "Old bench",
        seats: 4,
        sources: [stored],
      });
    });

    it("refuses to revert a changeset whose record was changed since, staging nothing", async () => {
      const id = await createBench();
      const changed = anasChangeset();
      await stageEdit(as(db, ana), registry, updateRequest(changed, id, 1, { seats: 2 }));
      await applyChangeset(changed);
      const later = newChangesetId(boris.subject);
      await stageEdit(as(db, boris), registry, updateRequest(later, id, 2, { seats: 3 }));
      await applyChangeset(later, boris);
      const revert = newChangesetId(eva.subject);
      const result = await parks.revert(changed, revert, { id: eva.subject, name: eva.name }, "undo");
      expect(result).toEqual({
        staged: 0,
        conflicts: [expect.objectContaining({ recordId: id, baseVersion: 2, currentVersion: 3 })],
      });
      expect(await parks.edits(revert)).toEqual([]);
    });

    describe("trackChanges", () => {
      const upsert = (manager: typeof db.manager, rows: Partial<Bench>[]) =>
        trackChanges(
          manager,
          "Bench",
          registry,
          rows.map((row) => row.id as string),
          async () => {
            for (const row of rows) await benches.write(manager, row.id as string, row as never);
            return rows.length;
          },
        );

      it("versions what a tracked write created or changed, and leaves the unchanged alone", async () => {
        const kept = await createBench();
        const changed = await createBench();
        const added = newBenchId();
        const importer = { id: "u-import", name: "Import Test" };
        const changesetId = newChangesetId(importer.id);
        const count = await db.transaction(async (manager) => {
          setChangeContext(manager, { changesetId, author: importer, source });
          return upsert(manager, [
            { id: kept, name: "Pond bench", seats: 4, sources: [source] },
            { id: changed, name: "Pond bench", seats: 8, sources: [source, otherSource] },
            { id: added, name: "Gate bench", seats: 2, sources: [source] },
          ]);
        });
        expect(count).toBe(3);
        const rows = await db
          .getRepository(RecordVersion)
          .find({ where: { changesetId }, order: { recordId: "ASC" } });
        expect(rows.map((row) => [row.recordId, row.version, row.op, row.authorName])).toEqual(
          [
            [changed, 2, "UPDATE", importer.name],
            [added, 1, "CREATE", importer.name],
          ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
        );
        const update = rows.find((row) => row.recordId === changed);
        expect(update?.source).toEqual(otherSource);
        expect(update?.before).toMatchObject({ seats: 4 });
        expect(update?.after).toMatchObject({ seats: 8, rank: "NORMAL" });
        expect(await benchRow(db.manager, changed)).toMatchObject({ version: 2 });
        expect(await benchRow(db.manager, kept)).toMatchObject({ version: 1 });
        expect(await benchRow(db.manager, added)).toMatchObject({ version: 1 });
        expect(rows.find((row) => row.recordId === added)?.source).toEqual(source);
      });

      it("refuses a write outside a changeset, writing nothing", async () => {
        const id = newBenchId();
        await expect(
          db.transaction((manager) =>
            upsert(manager, [{ id, name: "Stray bench", seats: 1, sources: [source] }]),
          ),
        ).rejects.toThrow(/outside a changeset/);
        expect(await benchRow(db.manager, id)).toBeNull();
      });
    });
  });
}
