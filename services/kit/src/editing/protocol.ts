// The messages between the changes coordinator and each subgraph's part of a changeset: a
// two-phase apply (prepare, then commit or abort), each step idempotent so that a coordinator that
// restarts may send it again. Carried over HTTP (POST /changes/<step> on the subgraph, behind the
// gateway secret) or called in process.
import type { Viewer } from "../viewer";
import type { ProposedEdit, RecordChange } from "./history-types";
import type { EditToStage } from "./stage";

export interface Person {
  id: string;
  name: string;
}

export interface Conflict {
  entity: string;
  recordId: string;
  /** the version the edit was based on */
  baseVersion: number | null;
  /** the record's version now; null when it does not exist */
  currentVersion: number | null;
  /** the record's current values, JSON */
  current: Record<string, unknown> | null;
  /** "stale version", "held by changeset cs_…", "exists already" */
  reason: string;
}

export interface PrepareResult {
  /** how many of the changeset's edits this subgraph holds */
  edits: number;
  /** when non-empty, nothing was reserved */
  conflicts: Conflict[];
  /** true when the edits were applied already (a repeated prepare after a commit) */
  applied: boolean;
}

export interface CommitResult {
  /** the versions written by this commit; empty when it had been committed already */
  versions: RecordChange[];
}

export interface RevertResult {
  /** edits staged in the new changeset */
  staged: number;
  conflicts: Conflict[];
}

export interface StageResult {
  /** how many edits were staged (a dry run: how many would have been) */
  staged: number;
}

/** One subgraph's side of the apply protocol. */
export interface ChangeParticipant {
  /** the subgraph's name */
  readonly name: string;
  /** Checks the changeset's staged edits by `authorId` against the records' versions and reserves them. */
  prepare(changesetId: string, authorId: string): Promise<PrepareResult>;
  /** Applies the prepared edits in one transaction: values, versions, history, the database revision. */
  commit(changesetId: string, reviewer: Person): Promise<CommitResult>;
  /** Releases prepared edits: back to STAGED, or ABORTED for good when `final` (a rejected changeset). */
  abort(changesetId: string, final: boolean): Promise<void>;
  /** The changeset's edits here, with the fields each changes (against the applied values when not yet applied). */
  edits(changesetId: string): Promise<ProposedEdit[]>;
  /** Stages, in `newChangesetId`, the edits that undo `changesetId` here: restore or deprecate each record. */
  revert(changesetId: string, newChangesetId: string, author: Person, comment: string): Promise<RevertResult>;
  /** Versions applied at or after `since` (ISO 8601), oldest first, at most `first`. */
  history(since: string, first: number): Promise<RecordChange[]>;
  /**
   * Stages these edits in the changeset as `viewer`, each checked as a mutation's would be, in one
   * transaction: all or none (a refusal names the edit). `dryRun` checks them and keeps none.
   */
  stageEdits(
    changesetId: string,
    viewer: Viewer,
    edits: readonly EditToStage[],
    dryRun?: boolean,
  ): Promise<StageResult>;
}

/** The steps' paths on a subgraph's HTTP server. */
export const CHANGE_PATHS = {
  prepare: "/changes/prepare",
  commit: "/changes/commit",
  abort: "/changes/abort",
  edits: "/changes/edits",
  revert: "/changes/revert",
  history: "/changes/history",
  stage: "/changes/stage",
} as const;
