// Who may see and do what with a changeset. Applied and rejected ones are public; the others belong
// to their author and the editors until they are decided.
import { badUserInput, codedError, hasRole, type Viewer } from "@twingraph/kit/subgraph";
import type { GraphQLError } from "graphql";
import { type Changeset, ChangesetStatus } from "./entities";

export const PUBLIC_STATUSES: readonly ChangesetStatus[] = [
  ChangesetStatus.APPLIED,
  ChangesetStatus.REJECTED,
];

/** The longest changeset comment, review comment or remark, in characters. */
export const MAX_COMMENT_LENGTH = 5_000;

export function isAuthor(viewer: Viewer | null | undefined, changeset: Changeset): boolean {
  return !!viewer && viewer.subject === changeset.authorId;
}

export function canSee(viewer: Viewer | null | undefined, changeset: Changeset): boolean {
  return (
    PUBLIC_STATUSES.includes(changeset.status) || hasRole(viewer, "editor") || isAuthor(viewer, changeset)
  );
}

/** Also what those who may not see it hear, so that an unseen changeset's existence is not told. */
export function changesetNotFound(id: string): GraphQLError {
  return codedError("NOT_FOUND", `No changeset ${id}, or none you may see.`, { changesetId: id });
}

export function changesetClosed(changeset: Changeset, action: string): GraphQLError {
  return codedError(
    "CHANGESET_CLOSED",
    `Changeset ${changeset.id} is ${changeset.status}: it can no longer ${action}.`,
    { changesetId: changeset.id, status: changeset.status },
  );
}

export function beingApplied(changeset: Changeset): GraphQLError {
  return codedError("CONFLICT", `Changeset ${changeset.id} is being applied by another reviewer.`, {
    changesetId: changeset.id,
    status: changeset.status,
  });
}

/** The loser of two reviewers acting on one changeset at once. */
export function takenMeanwhile(changeset: Changeset): GraphQLError {
  return codedError(
    "CONFLICT",
    `Another reviewer acted on changeset ${changeset.id} first: it is ${changeset.status} now.`,
    { changesetId: changeset.id, status: changeset.status },
  );
}

/** An editor applies a submitted changeset, or one of their own still open; never a decided one. */
export function checkApplicable(viewer: Viewer, changeset: Changeset): void {
  if (changeset.status === ChangesetStatus.APPLYING) throw beingApplied(changeset);
  if (changeset.status === ChangesetStatus.OPEN && !isAuthor(viewer, changeset))
    throw codedError(
      "FORBIDDEN",
      `Changeset ${changeset.id} is still open: its author submits it for review before another may apply it.`,
      { changesetId: changeset.id },
    );
  if (changeset.status !== ChangesetStatus.OPEN && changeset.status !== ChangesetStatus.SUBMITTED)
    throw changesetClosed(changeset, "be applied");
}

/** An editor rejects any changeset not decided yet. */
export function checkRejectable(changeset: Changeset): void {
  if (changeset.status === ChangesetStatus.APPLYING) throw beingApplied(changeset);
  if (changeset.status !== ChangesetStatus.OPEN && changeset.status !== ChangesetStatus.SUBMITTED)
    throw changesetClosed(changeset, "be rejected");
}

/** Only an applied changeset that nothing has reverted yet can be reverted. */
export function checkRevertible(changeset: Changeset): void {
  if (changeset.status !== ChangesetStatus.APPLIED)
    throw badUserInput("id", `must name an applied changeset; ${changeset.id} is ${changeset.status}`);
  if (changeset.revertedBy)
    throw codedError(
      "CONFLICT",
      `Changeset ${changeset.id} was reverted already, by ${changeset.revertedBy}.`,
      {
        changesetId: changeset.id,
        revertedBy: changeset.revertedBy,
      },
    );
}

/** A comment's text: not blank, at most MAX_COMMENT_LENGTH characters; trimmed. */
export function checkComment(text: string, argument: string): string {
  const trimmed = text.trim();
  if (trimmed === "") throw badUserInput(argument, "must say something");
  if (trimmed.length > MAX_COMMENT_LENGTH)
    throw badUserInput(argument, `must be at most ${MAX_COMMENT_LENGTH} characters long`);
  return trimmed;
}
