// The coded errors of staging an edit, each with what the author needs to redo the change.

import type { GraphQLError } from "graphql";
import { codedError } from "../errors";
import type { RecordState } from "./records";

export function changesetClosed(changesetId: string): GraphQLError {
  return codedError(
    "CHANGESET_CLOSED",
    `Changeset ${changesetId} is being applied, applied or rejected: open a new changeset for more changes.`,
    { changesetId },
  );
}

/** Also the answer to an id never handed out: without the changes subgraph's rows the two look alike. */
export function notOwnChangeset(changesetId: string): GraphQLError {
  return codedError(
    "FORBIDDEN",
    `Changeset ${changesetId} belongs to another account: stage your edits in a changeset you opened.`,
    { changesetId },
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
