// What the changes subgraph does with changesets: reads under the visibility rules, the author's
// steps (open, submit, comment) and the editor's (apply, reject, revert), and the recovery pass.
//
// Applying is a two-phase commit over the participants. The status moves OPEN|SUBMITTED → APPLYING
// by compare-and-set (one reviewer wins), with phase PREPARING; every participant prepares; any
// conflict or failure aborts every participant and returns the status. When all prepared, phase
// COMMITTING is stored: from then on the changeset only goes forward, and commits are sent (again,
// by the recovery pass if need be: each is idempotent) until every participant has committed.
import { advanceRedisDataVersion, logger } from "@twingraph/kit/http";
import {
  advanceRevision,
  badUserInput,
  type ChangeParticipant,
  type Conflict,
  checkFirst,
  checkTextLength,
  codedError,
  hasRole,
  type Person,
  type ProposedEdit,
  type RecordChange,
  requireRole,
  type Viewer,
} from "@twingraph/kit/subgraph";
import type { GraphQLError } from "graphql";
import { Brackets, type DataSource, type EntityManager } from "typeorm";
import { type DerivedSteps, derivedSteps, measureDistances } from "./distances";
import { Changeset, ChangesetComment, ChangesetKind, ChangesetStatus } from "./entities";
import { askAll, askEach, subgraphsUnavailable } from "./fan-out";
import { changeParticipants } from "./participants";
import {
  canSee,
  changesetClosed,
  changesetNotFound,
  checkApplicable,
  checkComment,
  checkRejectable,
  checkRevertible,
  isAuthor,
  MAX_COMMENT_LENGTH,
  PUBLIC_STATUSES,
  takenMeanwhile,
} from "./policy";
import { compareAndSet, findChangeset, insertChangeset, personOf, readChangeset } from "./store";

export interface ChangesOptions {
  /** default: those given to setChangeParticipants, read at each call */
  participants?: readonly ChangeParticipant[];
  /** Redis whose data version gateways read; default REDIS_URL, none when unset or null */
  redisUrl?: string | null;
  /** how often a commit is sent before it is left to the recovery pass; default 3 */
  commitAttempts?: number;
  /** the pause before the second attempt, doubled before each further one; default 200 */
  retryDelayMs?: number;
  /** where partnership distances are measured after a commit; default: those given to setDerivedSteps */
  derivedSteps?: DerivedSteps | null;
}

/** A conflict as the client hears it: with the subgraph that found it. */
export type ReportedConflict = Conflict & { subgraph: string };

/** What one recovery pass did, by changeset id. */
export interface RecoveryReport {
  committed: string[];
  aborted: string[];
  /** still APPLYING: a participant did not answer; the next pass tries again */
  pending: string[];
}

/**
 * The changesets that calls in this process are applying or recovering, with how many calls: the
 * recovery pass leaves them alone. One changes process coordinates; any other APPLYING changeset
 * was left by one that stopped, or by a commit that did not go through.
 */
const inFlight = new Map<string, number>();

function enter(id: string): void {
  inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
}

function leave(id: string): void {
  const calls = (inFlight.get(id) ?? 1) - 1;
  if (calls > 0) inFlight.set(id, calls);
  else inFlight.delete(id);
}

const now = (): string => new Date().toISOString();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The longest `since` accepted: an ISO 8601 time with milliseconds and an offset has 29 characters. */
const MAX_SINCE_LENGTH = 40;

export class Changes {
  constructor(
    private readonly db: DataSource,
    private readonly options: ChangesOptions = {},
  ) {}

  private get participants(): readonly ChangeParticipant[] {
    return this.options.participants ?? changeParticipants(this.db);
  }

  private get derivedSteps(): DerivedSteps | null {
    return this.options.derivedSteps !== undefined ? this.options.derivedSteps : derivedSteps(this.db);
  }

  // ---- reads

  /** The changeset, when the viewer may see it; else null. */
  async find(viewer: Viewer | null, id: string): Promise<Changeset | null> {
    const changeset = await findChangeset(this.db.manager, id);
    return changeset && canSee(viewer, changeset) ? changeset : null;
  }

  /** Newest first, those the viewer may see. */
  async list(viewer: Viewer | null, status: ChangesetStatus | null, first: number): Promise<Changeset[]> {
    checkFirst(first);
    const query = this.db.getRepository(Changeset).createQueryBuilder("c");
    if (status) query.andWhere("c.status = :status", { status });
    if (!hasRole(viewer, "editor"))
      query.andWhere(
        new Brackets((visible) => {
          visible.where("c.status IN (:...public)", { public: PUBLIC_STATUSES });
          if (viewer) visible.orWhere("c.authorId = :subject", { subject: viewer.subject });
        }),
      );
    return query.orderBy("c.createdAt", "DESC").addOrderBy("c.id", "DESC").limit(first).getMany();
  }

  /** Its edits from every subgraph that may hold some, oldest first. */
  async edits(changeset: Changeset): Promise<ProposedEdit[]> {
    // once applied, where it has edits is known; before, any subgraph may hold some
    const asked =
      changeset.status === ChangesetStatus.APPLIED ? this.named(changeset.subgraphs) : this.participants;
    const answers = await askAll(asked, (participant) => participant.edits(changeset.id), "read the edits");
    return answers.flatMap(({ value }) => value).sort((a, b) => compareText(a.createdAt, b.createdAt));
  }

  /** The versions applied at or after `since` in every subgraph, oldest first. */
  async changes(since: string, first: number): Promise<RecordChange[]> {
    checkFirst(first);
    const from = isoTime(since);
    const answers = await askAll(
      this.participants,
      (participant) => participant.history(from, first),
      "read the changes",
    );
    return answers
      .flatMap(({ value }) => value)
      .sort(byTimeOfChange)
      .slice(0, first);
  }

  // ---- the author's steps

  async open(viewer: Viewer | null, comment: string): Promise<Changeset> {
    const author = requireRole(viewer, "contributor", "open a changeset");
    const text = checkComment(comment, "comment");
    return insertChangeset(this.db.manager, { author, comment: text, kind: ChangesetKind.EDIT });
  }

  async submit(viewer: Viewer | null, id: string): Promise<Changeset> {
    const author = requireRole(viewer, "contributor", "submit a changeset");
    const changeset = await this.visible(author, id);
    if (!isAuthor(author, changeset))
      throw codedError("FORBIDDEN", `Only its author, ${changeset.authorName}, submits changeset ${id}.`, {
        changesetId: id,
      });
    if (changeset.status === ChangesetStatus.SUBMITTED) return changeset;
    if (changeset.status !== ChangesetStatus.OPEN) throw changesetClosed(changeset, "be submitted");
    await compareAndSet(
      this.db.manager,
      id,
      { status: ChangesetStatus.OPEN },
      { status: ChangesetStatus.SUBMITTED, submittedAt: now() },
    );
    const current = await readChangeset(this.db.manager, id);
    if (current.status !== ChangesetStatus.SUBMITTED) throw changesetClosed(current, "be submitted");
    return current;
  }

  async comment(viewer: Viewer | null, id: string, text: string): Promise<Changeset> {
    const author = requireRole(viewer, "contributor", "comment on a changeset");
    const body = checkComment(text, "text");
    const changeset = await this.visible(author, id);
    await this.write(isPublic(changeset), (manager) =>
      manager.getRepository(ChangesetComment).insert({
        changesetId: id,
        authorId: author.subject,
        authorName: author.name,
        at: now(),
        text: body,
      }),
    );
    return changeset;
  }

  // ---- the editor's steps

  async apply(viewer: Viewer | null, id: string, comment: string | null): Promise<Changeset> {
    const reviewer = requireRole(viewer, "editor", "apply a changeset");
    const reviewComment = comment === null || comment === undefined ? null : checkComment(comment, "comment");
    const changeset = await this.visible(reviewer, id);
    checkApplicable(reviewer, changeset);
    return this.applyFrom(changeset, reviewer, reviewComment);
  }

  async reject(viewer: Viewer | null, id: string, comment: string): Promise<Changeset> {
    const reviewer = requireRole(viewer, "editor", "reject a changeset");
    const reason = checkComment(comment, "comment");
    const changeset = await this.visible(reviewer, id);
    checkRejectable(changeset);
    return this.rejectFrom(changeset, reviewer, reason);
  }

  /**
   * A REVERT changeset, opened by the editor, in which every subgraph the reverted one touched
   * stages the edits that undo it; then applied like any other. When anything stands in the way,
   * the revert changeset is left REJECTED with the reason, and the error says what.
   */
  async revert(viewer: Viewer | null, id: string, comment: string): Promise<Changeset> {
    const editor = requireRole(viewer, "editor", "revert a changeset");
    const text = checkComment(comment, "comment");
    const target = await this.visible(editor, id);
    checkRevertible(target);
    const revert = await insertChangeset(this.db.manager, {
      author: editor,
      comment: text,
      kind: ChangesetKind.REVERT,
      revertOf: target.id,
    });
    try {
      await this.stageRevert(target, revert, editor, text);
      return await this.applyFrom(revert, editor, null);
    } catch (error) {
      await this.rejectIfOpen(revert.id, editor, error);
      throw error;
    }
  }

  // ---- recovery

  /**
   * Finishes what a stopped or failed apply left: a COMMITTING changeset is committed everywhere
   * (the decision stands); a PREPARING one is aborted everywhere (presumed abort) and returns to the
   * status it had.
   */
  async recover(): Promise<RecoveryReport> {
    const report: RecoveryReport = { committed: [], aborted: [], pending: [] };
    const stuck = await this.db.getRepository(Changeset).findBy({ status: ChangesetStatus.APPLYING });
    for (const { id } of stuck) {
      if (inFlight.has(id)) continue;
      enter(id);
      try {
        const outcome = await this.recoverOne(id);
        if (outcome) report[outcome].push(id);
      } catch (error) {
        report.pending.push(id);
        logger.warn({ service: "changes", changesetId: id, err: error }, "recovery failed");
      } finally {
        leave(id);
      }
    }
    return report;
  }

  /** Read again now that it is ours: an apply may have ended since the list was read. */
  private async recoverOne(id: string): Promise<keyof RecoveryReport | null> {
    const changeset = await readChangeset(this.db.manager, id);
    if (changeset.status !== ChangesetStatus.APPLYING) return null;
    if (changeset.phase === "COMMITTING")
      return (await this.commit(id)).status === ChangesetStatus.APPLIED ? "committed" : "pending";
    const aborted = await this.abandon(id, changeset.statusBeforeApply ?? ChangesetStatus.SUBMITTED);
    return aborted ? "aborted" : "pending";
  }

  // ---- applying

  private async applyFrom(
    changeset: Changeset,
    reviewer: Viewer,
    reviewComment: string | null,
  ): Promise<Changeset> {
    const { id, status: from } = changeset;
    // marked before the claim, so that no recovery pass ever sees it claimed and not marked
    enter(id);
    try {
      return await this.claimAndApply(changeset, from, reviewer, reviewComment);
    } finally {
      leave(id);
    }
  }

  private async claimAndApply(
    changeset: Changeset,
    from: ChangesetStatus,
    reviewer: Viewer,
    reviewComment: string | null,
  ): Promise<Changeset> {
    const { id } = changeset;
    const claimed = await compareAndSet(
      this.db.manager,
      id,
      { status: from },
      {
        status: ChangesetStatus.APPLYING,
        phase: "PREPARING",
        statusBeforeApply: from,
        reviewerId: reviewer.subject,
        reviewerName: reviewer.name,
        reviewComment,
      },
    );
    if (!claimed) throw takenMeanwhile(await readChangeset(this.db.manager, id));
    const subgraphs = await this.prepare(changeset, from);
    const decided = await compareAndSet(
      this.db.manager,
      id,
      { status: ChangesetStatus.APPLYING, phase: "PREPARING" },
      { phase: "COMMITTING", subgraphs },
    );
    if (!decided) throw new Error(`changeset ${id} left PREPARING while this process applied it`);
    return this.commit(id);
  }

  /** Every participant prepares; the subgraphs that hold edits, or an error once all are aborted. */
  private async prepare(changeset: Changeset, from: ChangesetStatus): Promise<string[]> {
    const { id } = changeset;
    const { answers, failed } = await askEach(
      this.participants,
      (participant) => participant.prepare(id, changeset.authorId),
      "prepare a changeset",
    );
    const conflicts: ReportedConflict[] = answers.flatMap(({ name, value }) =>
      value.conflicts.map((conflict) => ({ ...conflict, subgraph: name })),
    );
    const subgraphs = answers.filter(({ value }) => value.edits > 0 || value.applied).map(({ name }) => name);
    if (conflicts.length > 0 || failed.length > 0 || subgraphs.length === 0) {
      await this.abandon(id, from);
      if (conflicts.length > 0) throw conflictError(id, conflicts);
      if (failed.length > 0) throw subgraphsUnavailable(failed, `apply changeset ${id}`);
      throw badUserInput("id", `must name a changeset with edits; ${id} has none`);
    }
    return subgraphs;
  }

  /**
   * Aborts the changeset everywhere and returns it to `from`. When a participant cannot be reached
   * it stays APPLYING/PREPARING, and the recovery pass aborts again: false.
   */
  private async abandon(id: string, from: ChangesetStatus): Promise<boolean> {
    const { failed } = await askEach(
      this.participants,
      (participant) => participant.abort(id, false),
      "abort",
    );
    if (failed.length > 0) return false;
    await compareAndSet(
      this.db.manager,
      id,
      { status: ChangesetStatus.APPLYING, phase: "PREPARING" },
      {
        status: from,
        phase: null,
        statusBeforeApply: null,
        reviewerId: null,
        reviewerName: null,
        reviewComment: null,
      },
    );
    return true;
  }

  /**
   * Sends the commits of a decided changeset, then measures the distances it touched; APPLIED once
   * all went through, else still APPLYING.
   */
  private async commit(id: string): Promise<Changeset> {
    const changeset = await readChangeset(this.db.manager, id);
    const reviewer: Person = { id: changeset.reviewerId ?? "", name: changeset.reviewerName ?? "" };
    const committed = await Promise.all(
      changeset.subgraphs.map((name) => this.commitWithRetries(name, id, reviewer)),
    );
    const missing = changeset.subgraphs.filter((_, index) => !committed[index]);
    if (missing.length > 0) {
      logger.warn(
        { service: "changes", changesetId: id, subgraphs: missing },
        "a commit did not go through: the recovery pass sends it again",
      );
      return changeset;
    }
    // derived data (partnership distances) before APPLIED: a failure leaves it to the recovery pass
    if (!(await measureDistances(changeset, this.participants, this.derivedSteps))) return changeset;
    await this.write(true, (manager) => finishApply(manager, changeset));
    return readChangeset(this.db.manager, id);
  }

  private async commitWithRetries(name: string, id: string, reviewer: Person): Promise<boolean> {
    const participant = this.participants.find((candidate) => candidate.name === name);
    if (!participant) {
      logger.warn({ service: "changes", changesetId: id, subgraph: name }, "no participant by this name");
      return false;
    }
    const attempts = this.options.commitAttempts ?? 3;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      try {
        await participant.commit(id, reviewer);
        return true;
      } catch (error) {
        logger.warn(
          { service: "changes", changesetId: id, subgraph: name, attempt, err: error },
          "commit failed",
        );
        if (attempt < attempts) await pause((this.options.retryDelayMs ?? 200) * 2 ** (attempt - 1));
      }
    }
    return false;
  }

  // ---- rejecting and reverting

  private async rejectFrom(changeset: Changeset, reviewer: Viewer, reason: string): Promise<Changeset> {
    const rejected = await this.write(true, (manager) =>
      compareAndSet(
        manager,
        changeset.id,
        { status: changeset.status },
        {
          status: ChangesetStatus.REJECTED,
          reviewerId: reviewer.subject,
          reviewerName: reviewer.name,
          reviewedAt: now(),
          reviewComment: reason,
        },
      ),
    );
    if (!rejected) throw takenMeanwhile(await readChangeset(this.db.manager, changeset.id));
    // the decision is stored; a subgraph that misses this keeps edits nobody will apply
    await askEach(this.participants, (participant) => participant.abort(changeset.id, true), "release edits");
    return readChangeset(this.db.manager, changeset.id);
  }

  private async stageRevert(
    target: Changeset,
    revert: Changeset,
    editor: Viewer,
    comment: string,
  ): Promise<void> {
    const { answers, failed } = await askEach(
      this.named(target.subgraphs),
      (participant) => participant.revert(target.id, revert.id, personOf(editor), comment),
      "stage a revert",
    );
    const conflicts = answers.flatMap(({ name, value }) =>
      value.conflicts.map((conflict) => ({ ...conflict, subgraph: name })),
    );
    if (conflicts.length > 0) throw conflictError(target.id, conflicts, "be reverted");
    if (failed.length > 0) throw subgraphsUnavailable(failed, `revert changeset ${target.id}`);
  }

  /** A revert that could not be applied is rejected with the reason, unless it is still applying. */
  private async rejectIfOpen(id: string, editor: Viewer, error: unknown): Promise<void> {
    const revert = await readChangeset(this.db.manager, id);
    if (revert.status !== ChangesetStatus.OPEN) return;
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, MAX_COMMENT_LENGTH);
    await this.rejectFrom(revert, editor, reason).catch((rejectError: unknown) =>
      logger.warn(
        { service: "changes", changesetId: id, err: rejectError },
        "the revert could not be rejected",
      ),
    );
  }

  // ---- helpers

  private async visible(viewer: Viewer, id: string): Promise<Changeset> {
    const changeset = await this.find(viewer, id);
    if (!changeset) throw changesetNotFound(id);
    return changeset;
  }

  /** The participants of these subgraphs; SUBGRAPH_UNAVAILABLE when one is not configured. */
  private named(names: readonly string[]): ChangeParticipant[] {
    const found = names.map((name) => this.participants.find((participant) => participant.name === name));
    const missing = names.filter((_, index) => !found[index]);
    if (missing.length > 0) throw subgraphsUnavailable(missing, "reach every subgraph of the changeset");
    return found as ChangeParticipant[];
  }

  /**
   * A write to the changes database. One that changes what anonymous readers see (a decision, a
   * remark on a public changeset) moves the database's revision and the Redis data version on, so
   * gateways' cached answers give way.
   */
  private async write<T>(visible: boolean, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(async (manager) => {
      const done = await work(manager);
      if (visible) await advanceRevision(manager);
      return done;
    });
    if (visible) await this.advanceDataVersion();
    return result;
  }

  private async advanceDataVersion(): Promise<void> {
    const redisUrl =
      this.options.redisUrl !== undefined ? this.options.redisUrl : process.env.REDIS_URL || null;
    if (!redisUrl) return;
    try {
      await advanceRedisDataVersion(redisUrl);
    } catch (error) {
      logger.warn({ service: "changes", err: error }, "the data version in Redis could not be moved on");
    }
  }
}

/** APPLIED, and the changeset it reverts marked as reverted; nothing when another call finished first. */
async function finishApply(manager: EntityManager, changeset: Changeset): Promise<void> {
  const finished = await compareAndSet(
    manager,
    changeset.id,
    { status: ChangesetStatus.APPLYING, phase: "COMMITTING" },
    { status: ChangesetStatus.APPLIED, phase: null, statusBeforeApply: null, reviewedAt: now() },
  );
  if (finished && changeset.revertOf)
    await manager.getRepository(Changeset).update({ id: changeset.revertOf }, { revertedBy: changeset.id });
}

function isPublic(changeset: Changeset): boolean {
  return PUBLIC_STATUSES.includes(changeset.status);
}

function conflictError(
  id: string,
  conflicts: readonly ReportedConflict[],
  outcome = "be applied",
): GraphQLError {
  const first = conflicts[0];
  return codedError(
    "CONFLICT",
    `Changeset ${id} cannot ${outcome}: ${first.entity} ${first.recordId} in ${first.subgraph}: ${first.reason}` +
      (conflicts.length > 1 ? ` (and ${conflicts.length - 1} more)` : "") +
      ".",
    { changesetId: id, conflicts },
  );
}

/** `since` as an ISO 8601 time in UTC, as the subgraphs store times, so they compare as text. */
function isoTime(since: string): string {
  checkTextLength(since, "since", MAX_SINCE_LENGTH);
  const time = Date.parse(since);
  if (Number.isNaN(time))
    throw badUserInput(
      "since",
      `must be an ISO 8601 date or time such as "2026-11-20T09:00:00Z", got "${since}"`,
    );
  return new Date(time).toISOString();
}

function byTimeOfChange(a: RecordChange, b: RecordChange): number {
  return (
    compareText(a.at, b.at) ||
    compareText(a.entity, b.entity) ||
    compareText(a.recordId, b.recordId) ||
    a.version - b.version
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
