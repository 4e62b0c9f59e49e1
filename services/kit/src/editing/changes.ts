// The kit's editing operations over one subgraph's database: staging an edit (what the subgraph's
// mutations call), the apply protocol's steps (prepare, commit, abort, revert), history reads, and
// history kept by the seed's and imports' writes (trackChanges).
import type { DataSource, EntityManager } from "typeorm";
import type { SourceRecord } from "../sources";
import type { SubgraphContext } from "../subgraph-server";
import type { EditRegistry, RecordValues } from "./editable";
import type { EditOp, StagedEdit } from "./entities";
import type { RecordChange } from "./history-types";
import type { ChangeParticipant, Person } from "./protocol";
import type { SourceInput } from "./source-input";

export interface StageRequest {
  changesetId: string;
  /** the GraphQL type: "City" */
  entity: string;
  recordId: string;
  op: Exclude<EditOp, "RESTORE">;
  /** required for UPDATE and DEPRECATE: the version the author read */
  baseVersion?: number | null;
  /** CREATE: all values; UPDATE: the fields that change; DEPRECATE: { reason } */
  values: RecordValues;
  source: SourceInput | null | undefined;
}

/**
 * Stages one edit in a changeset, checked now so that the author hears of a problem at once:
 * role contributor (UNAUTHENTICATED / FORBIDDEN), source (SOURCE_REQUIRED), the changeset still open
 * here (CHANGESET_CLOSED), the record present (NOT_FOUND) or absent for CREATE (CONFLICT), its
 * version (CONFLICT with `currentVersion` and `current` values), and the entity's own validation.
 */
export declare function stageEdit(
  context: SubgraphContext,
  registry: EditRegistry,
  request: StageRequest,
): Promise<StagedEdit>;

/** Versions of one record, newest first. */
export declare function historyOf(
  manager: EntityManager,
  entity: string,
  recordId: string,
  first: number,
): Promise<RecordChange[]>;

/** This subgraph's side of the apply protocol, over its database. */
export declare function localParticipant(name: string, db: DataSource, registry: EditRegistry): ChangeParticipant;

/** The same steps on a subgraph elsewhere, over HTTP: `baseUrl` is its origin, http://host:port. */
export declare function httpParticipant(name: string, baseUrl: string, secret: string): ChangeParticipant;

/** Who and which changeset the writes in this transaction belong to (the seed and imports set it). */
export interface ChangeContext {
  changesetId: string;
  author: Person;
  /** the source recorded with each version when the written record's own sources do not say more */
  source?: SourceRecord | null;
}

/** Marks the writes made through this manager (one transaction) as belonging to a changeset. */
export declare function setChangeContext(manager: EntityManager, context: ChangeContext): void;

/**
 * Runs `write` (an ingest.ts upsert of these records) and keeps history for what it changed: each
 * record created or changed gets its next version and a record_version row in the manager's
 * change context. Without a change context it refuses: every write belongs to a changeset.
 */
export declare function trackChanges<T>(
  manager: EntityManager,
  entity: EditableEntityName,
  registry: EditRegistry,
  ids: readonly string[],
  write: () => Promise<T>,
): Promise<T>;

type EditableEntityName = string;
