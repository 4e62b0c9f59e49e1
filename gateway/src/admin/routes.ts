// The admin's routes: give an account a token and take its tokens away, through the gateway, so that
// an operator gives a reviewer access without logging into the machine.
//   POST /admin/tokens       { role, name, subject?, days? } → 201 { token, subject, expiresAt }
//   POST /admin/revocations  { subject, reason }             → 201 the revocation
//   GET  /admin/revocations                                  → 200 { revocations: [ newest first ] }
// Only an admin's token: none is 401 UNAUTHENTICATED, another role 403 FORBIDDEN. The guard before
// every route has verified the token and paid the rate limit; CORS is the GraphQL route's.
import type { IncomingMessage } from "node:http";
import { HttpError, isRole, ROLES, type Route, sendJson, type Viewer } from "@twingraph/kit/http";
import { viewerOf } from "../auth/request";
import type { Revocation } from "../auth/revocations";
import { issueToken, subjectFromName } from "../auth/sign";
import { TOKEN_ISSUER, type TokenVerifier } from "../auth/verifier";
import { type AdminActionName, recordDone, recordRefused } from "./audit";
import { badRequest, readAdminBody, textField, wholeNumberField } from "./body";

export const ADMIN_TOKENS_PATH = "/admin/tokens";
export const ADMIN_REVOCATIONS_PATH = "/admin/revocations";

export const MAX_NAME_LENGTH = 200;
export const MAX_SUBJECT_LENGTH = 200;
export const MAX_REASON_LENGTH = 1_000;
export const DEFAULT_TOKEN_DAYS = 30;
export const MAX_TOKEN_DAYS = 365;

interface AdminAnswer {
  status: number;
  body: unknown;
  /** what the log line says besides the admin and the action */
  logged: Record<string, unknown>;
}

interface AdminAction {
  name: AdminActionName;
  run(admin: Viewer, request: IncomingMessage): Promise<AdminAnswer>;
}

export function adminRoutes(auth: TokenVerifier): Record<string, Route> {
  return {
    [ADMIN_TOKENS_PATH]: adminRoute({ POST: { name: "issue_token", run: issueTokenAction(auth) } }),
    [ADMIN_REVOCATIONS_PATH]: adminRoute({
      GET: { name: "list_revocations", run: listRevocationsAction(auth) },
      POST: { name: "revoke", run: revokeAction(auth) },
    }),
  };
}

function adminRoute(actions: Partial<Record<"GET" | "POST", AdminAction>>): Route {
  const allowed = Object.keys(actions).join(", ");
  return async (request, response) => {
    // answers hold tokens and who lost access: for the admin alone, never for a cache
    response.setHeader("cache-control", "no-store");
    const action = actions[request.method as "GET" | "POST"];
    if (!action)
      throw new HttpError(
        405,
        "METHOD_NOT_ALLOWED",
        `${request.method} is not allowed here; use ${allowed}.`,
        {
          allow: allowed,
        },
      );
    const account = viewerOf(request);
    try {
      const admin = requireAdmin(account, action.name);
      const answer = await action.run(admin, request);
      recordDone(action.name, admin, answer.logged);
      sendJson(response, answer.status, answer.body);
    } catch (error) {
      recordRefused(action.name, account, error);
      throw error;
    }
  };
}

const ACTION_WORDS: Record<AdminActionName, string> = {
  issue_token: "issue tokens",
  revoke: "revoke tokens",
  list_revocations: "list revoked tokens",
};

function requireAdmin(account: Viewer | undefined, action: AdminActionName): Viewer {
  if (!account)
    throw new HttpError(
      401,
      "UNAUTHENTICATED",
      `Sign in to ${ACTION_WORDS[action]}: send an admin's token in the Authorization header.`,
      { "www-authenticate": `Bearer realm="${TOKEN_ISSUER}"` },
    );
  if (account.role !== "admin")
    throw new HttpError(
      403,
      "FORBIDDEN",
      `Only an account with the admin role may ${ACTION_WORDS[action]}; yours is ${account.role}.`,
      {},
      { requiredRole: "admin", role: account.role },
    );
  return account;
}

function issueTokenAction(auth: TokenVerifier): AdminAction["run"] {
  return async (_admin, request) => {
    if (auth.signingSecret === undefined)
      throw new HttpError(
        409,
        "NO_SIGNING_KEY",
        "This gateway verifies tokens with the public keys of its JWKS_FILE and holds no key to sign " +
          "with: issue tokens with the identity provider, or set JWT_SECRET (or JWT_SECRET_FILE) where " +
          "the gateway runs to let it issue HS256 tokens as well.",
      );
    const body = await readAdminBody(request, ["role", "name", "subject", "days"]);
    if (!isRole(body.role)) throw badRequest(`"role" must be one of ${ROLES.join(", ")}.`);
    const role = body.role;
    const name = textField(body, "name", { maxLength: MAX_NAME_LENGTH })!;
    const subject =
      textField(body, "subject", { maxLength: MAX_SUBJECT_LENGTH, optional: true }) ?? subjectFromName(name);
    if (subject === "")
      throw badRequest(`The name ${JSON.stringify(name)} makes no account id: give a "subject".`);
    const days = wholeNumberField(body, "days", {
      min: 1,
      max: MAX_TOKEN_DAYS,
      fallback: DEFAULT_TOKEN_DAYS,
    });
    const issued = await issueToken({ role, name, subject, expiresIn: `${days}d` }, auth.signingSecret);
    const expiresAt = issued.expiresAt.toISOString();
    return {
      status: 201,
      body: { token: issued.token, subject, expiresAt },
      logged: { subject, name, role, expiresAt },
    };
  };
}

function revokeAction(auth: TokenVerifier): AdminAction["run"] {
  return async (admin, request) => {
    const body = await readAdminBody(request, ["subject", "reason"]);
    // exactly as the tokens carry it
    const subject = textField(body, "subject", { maxLength: MAX_SUBJECT_LENGTH, exact: true })!;
    const reason = textField(body, "reason", { maxLength: MAX_REASON_LENGTH })!;
    const revocation: Revocation = {
      subject,
      revokedAt: new Date().toISOString(),
      reason,
      revokedBy: admin.subject,
    };
    await auth.revocations.revoke(revocation);
    return { status: 201, body: revocation, logged: { subject, reason, revokedAt: revocation.revokedAt } };
  };
}

function listRevocationsAction(auth: TokenVerifier): AdminAction["run"] {
  return async () => {
    const revocations = await auth.revocations.list();
    return { status: 200, body: { revocations }, logged: { count: revocations.length } };
  };
}
