// A participant in memory, for testing the coordinator alone: records with a version and one value,
// edits staged per changeset, the protocol's steps with the kit's rules in small, and failures or
// delays to order.
import type {
  ChangeParticipant,
  CommitResult,
  Conflict,
  EditToStage,
  Person,
  PrepareResult,
  ProposedEdit,
  RecordChange,
  RevertResult,
  StageResult,
  Viewer,
} from "@twingraph/kit/subgraph";

type State = "STAGED" | "PREPARED" | "APPLIED" | "ABORTED";
type Step = "prepare" | "commit" | "abort" | "edits" | "revert" | "history" | "stageEdits";

interface FakeEdit {
  changesetId: string;
  recordId: string;
  authorId: string;
  authorName: string;
  baseVersion: number;
  value: string;
  state: State;
  createdAt: string;
}

interface FakeRecord {
  version: number;
  value: string;
}

interface FakeVersion {
  changesetId: string;
  recordId: string;
  version: number;
  before: string;
  after: string;
  at: string;
  authorName: string;
}

const ENTITY = "Thing";

export class FakeParticipant implements ChangeParticipant {
  readonly records = new Map<string, FakeRecord>();
  readonly staged: FakeEdit[] = [];
  readonly versions: FakeVersion[] = [];
  /** every step called, as "prepare cs_…" */
  readonly calls: string[] = [];
  /** how many of the next calls of a step throw */
  private readonly failures = new Map<Step, number>();
  /** how long each call of a step waits first, in ms */
  private readonly delays = new Map<Step, number>();

  constructor(readonly name: string) {}

  /** A record as a seed would have left it. */
  seedRecord(recordId: string, value: string, version = 1): this {
    this.records.set(recordId, { version, value });
    return this;
  }

  /** What a subgraph mutation stages: the record's new value, based on the version read. */
  stage(changesetId: string, author: Person, recordId: string, value: string, baseVersion?: number): void {
    this.staged.push({
      changesetId,
      recordId,
      authorId: author.id,
      authorName: author.name,
      baseVersion: baseVersion ?? this.records.get(recordId)?.version ?? 0,
      value,
      state: "STAGED",
      createdAt: new Date().toISOString(),
    });
  }

  /** A change applied outside the changeset under test (another changeset), moving the version on. */
  change(recordId: string, value: string): void {
    const record = this.records.get(recordId);
    if (!record) throw new Error(`no record ${recordId}`);
    this.records.set(recordId, { version: record.version + 1, value });
  }

  failNext(step: Step, times = 1): this {
    this.failures.set(step, times);
    return this;
  }

  delay(step: Step, ms: number): this {
    this.delays.set(step, ms);
    return this;
  }

  value(recordId: string): string | undefined {
    return this.records.get(recordId)?.value;
  }

  statesOf(changesetId: string): State[] {
    return this.editsOf(changesetId).map((edit) => edit.state);
  }

  async prepare(changesetId: string, authorId: string): Promise<PrepareResult> {
    await this.enter("prepare", changesetId);
    const edits = this.editsOf(changesetId).filter((edit) => edit.authorId === authorId);
    const open = edits.filter((edit) => edit.state === "STAGED" || edit.state === "PREPARED");
    if (edits.length > 0 && open.length === 0) return { edits: edits.length, conflicts: [], applied: true };
    const conflicts = open.flatMap((edit) => this.conflictOf(edit));
    if (conflicts.length === 0) for (const edit of open) edit.state = "PREPARED";
    return { edits: open.length, conflicts, applied: false };
  }

  async commit(changesetId: string, reviewer: Person): Promise<CommitResult> {
    await this.enter("commit", changesetId);
    const at = new Date().toISOString();
    const versions: RecordChange[] = [];
    for (const edit of this.editsOf(changesetId).filter((candidate) => candidate.state === "PREPARED")) {
      const before = this.records.get(edit.recordId);
      const version = (before?.version ?? 0) + 1;
      this.records.set(edit.recordId, { version, value: edit.value });
      edit.state = "APPLIED";
      const row: FakeVersion = {
        changesetId,
        recordId: edit.recordId,
        version,
        before: before?.value ?? "",
        after: edit.value,
        at,
        authorName: edit.authorName || reviewer.name,
      };
      this.versions.push(row);
      versions.push(recordChange(row));
    }
    return { versions };
  }

  async abort(changesetId: string, final: boolean): Promise<void> {
    await this.enter("abort", changesetId);
    for (const edit of this.editsOf(changesetId)) {
      if (edit.state === "PREPARED") edit.state = "STAGED";
      if (final && edit.state !== "APPLIED") edit.state = "ABORTED";
    }
  }

  async edits(changesetId: string): Promise<ProposedEdit[]> {
    await this.enter("edits", changesetId);
    return this.editsOf(changesetId).map((edit) => ({
      subgraph: this.name,
      entity: ENTITY,
      recordId: edit.recordId,
      op: "UPDATE",
      state: edit.state,
      baseVersion: edit.baseVersion,
      changes: [{ field: "value", before: null, after: JSON.stringify(edit.value) }],
      source: { document: "test", quote: "test", language: "en" },
      authorName: edit.authorName,
      createdAt: edit.createdAt,
    }));
  }

  async revert(
    changesetId: string,
    newChangesetId: string,
    author: Person,
    _comment: string,
  ): Promise<RevertResult> {
    await this.enter("revert", changesetId);
    const mine = this.versions.filter((version) => version.changesetId === changesetId);
    const records = [...new Set(mine.map((version) => version.recordId))];
    const conflicts: Conflict[] = [];
    for (const recordId of records) {
      const ofRecord = mine.filter((version) => version.recordId === recordId);
      const last = ofRecord[ofRecord.length - 1];
      const current = this.records.get(recordId);
      if (current?.version !== last.version)
        conflicts.push({
          entity: ENTITY,
          recordId,
          baseVersion: last.version,
          currentVersion: current?.version ?? null,
          current: current ? { value: current.value } : null,
          reason: "stale version",
        });
    }
    if (conflicts.length > 0) return { staged: 0, conflicts };
    for (const recordId of records) {
      const earliest = mine.find((version) => version.recordId === recordId) as FakeVersion;
      this.stage(newChangesetId, author, recordId, earliest.before);
    }
    return { staged: records.length, conflicts: [] };
  }

  /** Each edit's values, as JSON, become the record's new value; a dry run stages none. */
  async stageEdits(
    changesetId: string,
    viewer: Viewer,
    edits: readonly EditToStage[],
    dryRun = false,
  ): Promise<StageResult> {
    await this.enter("stageEdits", changesetId);
    if (!dryRun)
      for (const edit of edits)
        this.stage(
          changesetId,
          { id: viewer.subject, name: viewer.name },
          edit.recordId,
          JSON.stringify(edit.values),
        );
    return { staged: edits.length };
  }

  async history(since: string, first: number): Promise<RecordChange[]> {
    await this.enter("history", since);
    return this.versions
      .filter((version) => version.at >= since)
      .slice(0, first)
      .map(recordChange);
  }

  private editsOf(changesetId: string): FakeEdit[] {
    return this.staged.filter((edit) => edit.changesetId === changesetId);
  }

  private conflictOf(edit: FakeEdit): Conflict[] {
    const current = this.records.get(edit.recordId);
    const held = this.staged.find(
      (other) =>
        other.changesetId !== edit.changesetId &&
        other.recordId === edit.recordId &&
        other.state === "PREPARED",
    );
    const reason =
      (current?.version ?? 0) !== edit.baseVersion
        ? "stale version"
        : held
          ? `held by changeset ${held.changesetId}`
          : null;
    if (!reason) return [];
    return [
      {
        entity: ENTITY,
        recordId: edit.recordId,
        baseVersion: edit.baseVersion,
        currentVersion: current?.version ?? null,
        current: current ? { value: current.value } : null,
        reason,
      },
    ];
  }

  private async enter(step: Step, subject: string): Promise<void> {
    this.calls.push(`${step} ${subject}`);
    const delay = this.delays.get(step);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    const failures = this.failures.get(step) ?? 0;
    if (failures > 0) {
      this.failures.set(step, failures - 1);
      throw new Error(`${this.name}: ${step} failed (as the test asked)`);
    }
  }
}

function recordChange(version: FakeVersion): RecordChange {
  return {
    entity: ENTITY,
    recordId: version.recordId,
    version: version.version,
    changesetId: version.changesetId,
    authorName: version.authorName,
    at: version.at,
    op: "UPDATE",
    changes: [
      { field: "value", before: JSON.stringify(version.before), after: JSON.stringify(version.after) },
    ],
    source: null,
  };
}
