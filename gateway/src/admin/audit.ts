// Every admin action, done or refused, leaves a log line naming the account that asked and a count
// in /metrics: who gave or took access is never a mystery afterwards. Tokens themselves are never
// logged.
import { counter, HttpError, logger, type Viewer } from "@twingraph/kit/http";

export type AdminActionName = "issue_token" | "revoke" | "list_revocations";

const actions = counter(
  "twingraph_admin_actions_total",
  "Admin requests by action and outcome (done, or the error code that refused them)",
  ["action", "outcome"],
);

export function recordDone(action: AdminActionName, admin: Viewer, details: Record<string, unknown>): void {
  actions.inc({ action, outcome: "done" });
  logger.info({ action, admin: admin.subject, adminName: admin.name, ...details }, `admin: ${action}`);
}

/** A refusal or failure; `account` is whoever sent the request, when a token named one. */
export function recordRefused(action: AdminActionName, account: Viewer | undefined, error: unknown): void {
  const code = error instanceof HttpError ? error.code : "INTERNAL_SERVER_ERROR";
  actions.inc({ action, outcome: code });
  logger.warn(
    { action, account: account?.subject, role: account?.role, code, message: (error as Error).message },
    `admin: ${action} refused`,
  );
}
