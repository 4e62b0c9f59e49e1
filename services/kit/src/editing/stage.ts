// Staging an edit in a changeset: what each subgraph's mutations call. Everything that can be
// checked now is, so that the author hears of a problem at once rather than at review.
import type { EntityManager } from "typeorm";
import { In, Not } from "typeorm";
import { badUserInput } from "../errors";
import type { SubgraphContext } from "../subgraph-server";
import { requireRole } from "../viewer";
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
  checkChangesetId(request.changesetId);
  if (!changesetOwnedBy(request.changesetId, viewer.subject)) throw notOwnChangeset(request.changesetId);
  const entity = registry.get(request.entity);
  const values = plainJson(request.values ?? {});
  return changesTransaction(context.db, async (manager) => {
    await checkOpenHere(manager, request.changesetId);
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
  });
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
