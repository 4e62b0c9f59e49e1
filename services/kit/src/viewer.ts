// Who is asking: the account a verified token names, carried from the gateway to the subgraphs in
// a header the gateway signs with the secret it shares with them, so a subgraph trusts the claims
// only when they come from its gateway. Roles are ordered: each may do what the ones below it may.
import { createHmac } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { GraphQLError } from "graphql";
import { HttpError } from "./http-error";
import { sameSecret } from "./secret";

/** contributor proposes; editor reviews and applies; admin manages keys. Anonymous readers have none. */
export type Role = "contributor" | "editor" | "admin";
export const ROLES: readonly Role[] = ["contributor", "editor", "admin"];

export interface Viewer {
  /** the token's `sub`: a stable account id */
  subject: string;
  /** the token's `name`: shown as author and reviewer */
  name: string;
  role: Role;
}

/** base64url(JSON of the Viewer) */
export const VIEWER_HEADER = "x-twingraph-viewer";
/** base64url(HMAC-SHA256(gateway secret, the VIEWER_HEADER value)) */
export const VIEWER_SIGNATURE_HEADER = "x-twingraph-viewer-signature";

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

function sign(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

/** The headers that carry a viewer to a subgraph. */
export function viewerHeaders(viewer: Viewer, secret: string): Record<string, string> {
  const payload = Buffer.from(
    JSON.stringify({ subject: viewer.subject, name: viewer.name, role: viewer.role }),
  ).toString("base64url");
  return { [VIEWER_HEADER]: payload, [VIEWER_SIGNATURE_HEADER]: sign(payload, secret) };
}

/** The viewer a request carries; null when it carries none; 401 when its signature or claims are wrong. */
export function readViewer(headers: IncomingHttpHeaders, secret: string): Viewer | null {
  const payload = headers[VIEWER_HEADER];
  if (payload === undefined) return null;
  const signature = headers[VIEWER_SIGNATURE_HEADER];
  if (
    typeof payload !== "string" ||
    typeof signature !== "string" ||
    !sameSecret(signature, sign(payload, secret))
  )
    throw new HttpError(
      401,
      "UNAUTHENTICATED",
      `The ${VIEWER_HEADER} header is not signed by this subgraph's gateway.`,
    );
  let claims: Partial<Viewer>;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Partial<Viewer>;
  } catch {
    throw new HttpError(401, "UNAUTHENTICATED", `The ${VIEWER_HEADER} header is not valid JSON.`);
  }
  if (typeof claims.subject !== "string" || typeof claims.name !== "string" || !isRole(claims.role))
    throw new HttpError(401, "UNAUTHENTICATED", `The ${VIEWER_HEADER} header lacks a subject, name or role.`);
  return { subject: claims.subject, name: claims.name, role: claims.role };
}

/** Whether the viewer holds the role or one above it. */
export function hasRole(viewer: Viewer | null | undefined, role: Role): boolean {
  return !!viewer && ROLES.indexOf(viewer.role) >= ROLES.indexOf(role);
}

/** The viewer, when it holds the role: else UNAUTHENTICATED (no token) or FORBIDDEN (too low a role). */
export function requireRole(
  viewer: Viewer | null | undefined,
  role: Role,
  action = "make this change",
): Viewer {
  if (!viewer)
    throw new GraphQLError(`Sign in to ${action}: send a token in the Authorization header.`, {
      extensions: { code: "UNAUTHENTICATED" },
    });
  if (!hasRole(viewer, role))
    throw new GraphQLError(`Only an account with the ${role} role may ${action}; yours is ${viewer.role}.`, {
      extensions: { code: "FORBIDDEN", requiredRole: role, role: viewer.role },
    });
  return viewer;
}
