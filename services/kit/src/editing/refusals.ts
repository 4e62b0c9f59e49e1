// The coded errors of staging an edit, each with what the author needs to redo the change.

import type { GraphQLError } from "graphql";
import { badUserInput, codedError } from "../errors";
import type { RecordState } from "./records";

/** "cs_" and 6 to 64 letters, digits, "_" or "-": what the changes subgraph hands out. */
export const CHANGESET_ID_PATTERN = /^cs_[A-Za-z0-9_-]{6,64}$/;

export function checkChangesetId(changesetId: string, argument = "changesetId"): void {
  if (typeof changesetId !== "string" || !CHANGESET_ID_PATTERN.test(changesetId))
    throw badUserInput(argument, 'must be a changeset id: "cs_" and 6 to 64 letters, digits, "_" or "-"');
}

export function changesetClosed(changesetId: string): GraphQLError {
  return codedError(
    "CHANGESET_CLOSED",
    `Changeset ${changesetId} is being applied, applied or rejected: open a new changeset for more changes.`,
    { changesetId },
  );
}

export function notAuthorOf(changesetId: string): GraphQLError {
  return codedError(
    "FORBIDDEN",
    `Changeset ${changesetId} belongs to another author: open a changeset of your own.`,
    {
      changesetId,
    },
  );
}

export function recordNotFound(entity: string, recordId: string): GraphQLError {
  return codedError("NOT_FOUND", `No ${entity} has the id "${recordId}".`, { entity, recordId });
}

/** CONFLICT with the record's current version and values, so the author can redo the change on them. */
export function conflict(
  message: string,
  current: { version: number; state: RecordState } | null,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return codedError("CONFLICT", message, {
    ...extensions,
    currentVersion: current?.version ?? null,
    current: current?.state ?? null,
  });
}
