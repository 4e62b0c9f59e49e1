// Staging an edit in a changeset: what each subgraph's mutations call. Everything that can be
// checked now is, so that the author hears of a problem at once rather than at review.
import { GraphQLError } from "graphql";
import type { DataSource, EntityManager } from "typeorm";
import { In, Not } from "typeorm";
import { badUserInput } from "../errors";
import type { SourceRecord } from "../sources";
import type { SubgraphContext } from "../subgraph-server";
import { requireRole, type Viewer } from "../viewer";
import { changesetOwnedBy, checkChangesetId } from "./changeset-ids";
import type { EditableEntity, EditRegistry, RecordValues } from "./editable";
import { proposedEdit } from "./edits";
import { type EditOp, StagedEdit } from "./entities";
import type { ProposedEdit } from "./history-types";
import { plainJson } from "./json";
import { type CurrentRecord, readRecords, readVersions } from "./records";
import { changesetClosed, conflict, notOwnChangeset, recordNotFound } from "./refusals";
import { requireSource, type SourceInput } from "./source-input";
import { changesTransaction } from "./transaction";

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

/** Edits in these states mean the changeset went to review's end here: nothing more may join it. */
const CLOSED_STATES = ["PREPARED", "APPLIED", "ABORTED"] as const;

/**
 * Stages one edit in a changeset, checked now so that the author hears of a problem at once:
 * role contributor (UNAUTHENTICATED / FORBIDDEN), source (SOURCE_REQUIRED), the changeset id's form
 * (BAD_USER_INPUT) and that it was made for the viewer (FORBIDDEN), the changeset still open here
 * (CHANGESET_CLOSED), the record present (NOT_FOUND) or absent and not proposed elsewhere for CREATE
 * (CONFLICT), its version (CONFLICT with `currentVersion` and `current` values), and the entity's
 * own validation.
 */
export async function stageEdit(
  context: SubgraphContext,
  registry: EditRegistry,
  request: StageRequest,
): Promise<StagedEdit> {
  const viewer = requireRole(context.viewer, "contributor", "propose a change");
  const source = requireSource(request.source);
  checkOwnChangeset(request.changesetId, viewer);
  const checked = { ...checkRequest(registry, request), source };
  return changesTransaction(context.db, async (manager) => {
    await checkOpenHere(manager, request.changesetId);
    return stageChecked(manager, viewer, checked);
  });
}

/** An edit of a list to stage together: a StageRequest whose changeset is the list's. */
export type EditToStage = Omit<StageRequest, "changesetId">;

export interface StageEditsOptions {
  /** check every edit as staging would, then keep none of them */
  dryRun?: boolean;
}

/** Thrown inside a dry run's transaction so that it rolls back whatever it staged. */
class DryRunDone extends Error {
  constructor(readonly staged: StagedEdit[]) {
    super("dry run");
  }
}

/**
 * Stages a list of edits in one changeset as `viewer`, each through the checks stageEdit makes, in
 * one transaction: all of them or none. An edit may name a record an earlier one of the list
 * creates. A refusal is the first edit's error, its message naming the edit (`edits[2] Visit v-…`).
 * A dry run makes every check and stages nothing.
 */
export async function stageEdits(
  db: DataSource,
  registry: EditRegistry,
  viewer: Viewer | null,
  changesetId: string,
  edits: readonly EditToStage[],
  options: StageEditsOptions = {},
): Promise<StagedEdit[]> {
  const author = requireRole(viewer, "contributor", "propose a change");
  checkOwnChangeset(changesetId, author);
  const checked = edits.map((edit, index) =>
    naming(index, edit, () => checkRequest(registry, { ...edit, changesetId })),
  );
  try {
    return await changesTransaction(db, async (manager) => {
      await checkOpenHere(manager, changesetId);
      const staged: StagedEdit[] = [];
      for (const [index, edit] of checked.entries())
        staged.push(await namingAsync(index, edit.request, () => stageChecked(manager, author, edit)));
      if (options.dryRun) throw new DryRunDone(staged);
      return staged;
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.staged;
    throw error;
  }
}

/** An edit after the checks that need no database: its entity, source and values as stored. */
interface CheckedRequest {
  request: StageRequest;
  entity: EditableEntity;
  source: SourceRecord;
  values: RecordValues;
}

function checkRequest(registry: EditRegistry, request: StageRequest): CheckedRequest {
  const source = requireSource(request.source);
  const entity = registry.get(request.entity);
  return { request, entity, source, values: plainJson(request.values ?? {}) };
}

function checkOwnChangeset(changesetId: string, viewer: Viewer): void {
  checkChangesetId(changesetId);
  if (!changesetOwnedBy(changesetId, viewer.subject)) throw notOwnChangeset(changesetId);
}

/** The checks against the database, then the staged row; in the caller's transaction. */
async function stageChecked(
  manager: EntityManager,
  viewer: Viewer,
  { request, entity, source, values }: CheckedRequest,
): Promise<StagedEdit> {
  if (request.op === "CREATE") await checkFree(manager, entity, request.recordId);
  else await checkBase(manager, entity, request);
  await validate(manager, entity, request, values);
  const edit = Object.assign(new StagedEdit(), {
    changesetId: request.changesetId,
    entity: entity.name,
    recordId: request.recordId,
    op: request.op,
    baseVersion: request.op === "CREATE" ? null : (request.baseVersion ?? null),
    values,
    source,
    authorId: viewer.subject,
    authorName: viewer.name,
    createdAt: new Date().toISOString(),
    state: "STAGED" as const,
  });
  return manager.getRepository(StagedEdit).save(edit);
}

/** The edit's error with the edit named first, its code and extensions kept. */
function renamed(index: number, edit: EditToStage, error: unknown): unknown {
  const label = `edits[${index}] ${edit.entity} ${edit.recordId}`;
  if (error instanceof GraphQLError)
    return new GraphQLError(`${label}: ${error.message}`, {
      extensions: { ...error.extensions, editIndex: index },
    });
  if (error instanceof Error) return new Error(`${label}: ${error.message}`, { cause: error });
  return error;
}

function naming<T>(index: number, edit: EditToStage, check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw renamed(index, edit, error);
  }
}

async function namingAsync<T>(index: number, edit: EditToStage, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw renamed(index, edit, error);
  }
}

async function checkOpenHere(manager: EntityManager, changesetId: string): Promise<void> {
  if (
    await manager.getRepository(StagedEdit).exists({ where: { changesetId, state: In([...CLOSED_STATES]) } })
  )
    throw changesetClosed(changesetId);
}

async function currentRecord(
  manager: EntityManager,
  entity: EditableEntity,
  recordId: string,
): Promise<CurrentRecord | null> {
  return (await readRecords(manager, entity, [recordId])).get(recordId) ?? null;
}

/** A new record's id must be free, and not proposed for creation in another changeset. */
async function checkFree(manager: EntityManager, entity: EditableEntity, recordId: string): Promise<void> {
  const existing = await currentRecord(manager, entity, recordId);
  if (existing)
    throw conflict(`A ${entity.name} with the id "${recordId}" exists already: choose another id.`, existing);
  const proposed = await manager.getRepository(StagedEdit).findOne({
    where: { entity: entity.name, recordId, op: "CREATE", state: In(["STAGED", "PREPARED"]) },
  });
  if (proposed)
    throw conflict(
      `A ${entity.name} with the id "${recordId}" is proposed in changeset ${proposed.changesetId}: choose another id.`,
      null,
      { changesetId: proposed.changesetId },
    );
}

/** An update or deprecation names the version its author read, which must be the current one. */
async function checkBase(
  manager: EntityManager,
  entity: EditableEntity,
  request: StageRequest,
): Promise<void> {
  const version = (await readVersions(manager, entity, [request.recordId])).get(request.recordId)?.version;
  if (version === undefined) throw recordNotFound(entity.name, request.recordId);
  if (request.baseVersion === version) return;
  const current = await currentRecord(manager, entity, request.recordId);
  const read = request.baseVersion == null ? "no version" : `version ${request.baseVersion}`;
  throw conflict(
    `${entity.name} ${request.recordId} is at version ${version}; the change names ${read}. Read it again and redo the change on its current values.`,
    current,
  );
}

async function validate(
  manager: EntityManager,
  entity: EditableEntity,
  { op, changesetId }: StageRequest,
  values: RecordValues,
) {
  if (op === "DEPRECATE") {
    if (typeof values.reason !== "string" || values.reason.trim() === "")
      throw badUserInput("reason", "must say why the record is deprecated");
    return;
  }
  await entity.validate?.(manager, values, op, changesetId);
}

/** Stages an edit (stageEdit) and answers it as a mutation does: the edit with the fields it changes. */
export async function proposeEdit(
  context: SubgraphContext,
  registry: EditRegistry,
  request: StageRequest,
): Promise<ProposedEdit> {
  return proposedEdit(context.db.manager, registry, await stageEdit(context, registry, request));
}

/**
 * Whether the changeset proposes to create this record here: a new partnership and the agreement
 * made for it, or a news item and its visit, may be proposed together and are applied in that order.
 */
export async function proposedInChangeset(
  manager: EntityManager,
  changesetId: string,
  entity: string,
  recordId: string,
): Promise<boolean> {
  return manager
    .getRepository(StagedEdit)
    .existsBy({ changesetId, entity, recordId, op: "CREATE", state: Not("ABORTED") });
}
