// The signed-in account: its token, kept in sessionStorage (gone when the tab closes), and the
// claims the page shows. The payload is decoded, not verified: the gateway verifies every request.

const TOKEN_KEY = "twingraph.review.token";

export type ReviewRole = "contributor" | "editor" | "admin";
const ROLES: readonly ReviewRole[] = ["contributor", "editor", "admin"];

export interface TokenClaims {
  subject: string;
  name: string;
  role: ReviewRole;
  /** ISO 8601, from the `exp` claim; null when the token does not expire */
  expiresAt: string | null;
}

/** The claims of a JWT's payload, or an error naming what is wrong with its shape. */
export function decodeTokenClaims(token: string): TokenClaims {
  const parts = token.trim().split(".");
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) {
    throw new Error("This is not a token: a token is three base64url parts joined by dots.");
  }
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(base64UrlText(parts[1] as string)) as Record<string, unknown>;
  } catch {
    throw new Error("The token's payload is not JSON.");
  }
  const { sub, name, role, exp } = payload;
  if (typeof name !== "string" || !isRole(role)) {
    throw new Error("The token names no account: it needs a name and a role (contributor, editor or admin).");
  }
  return {
    subject: typeof sub === "string" ? sub : "",
    name,
    role,
    expiresAt: expiryOf(exp),
  };
}

function expiryOf(exp: unknown): string | null {
  if (typeof exp !== "number") return null;
  const date = new Date(exp * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function base64UrlText(part: string): string {
  const base64 = part
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(part.length / 4) * 4, "=");
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

function isRole(value: unknown): value is ReviewRole {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Whether the account may review: editors and admins. */
export function mayReview(claims: TokenClaims | null): boolean {
  return claims !== null && ROLES.indexOf(claims.role) >= ROLES.indexOf("editor");
}

export function isExpired(claims: TokenClaims, nowMs: number = Date.now()): boolean {
  return claims.expiresAt !== null && Date.parse(claims.expiresAt) <= nowMs;
}

export interface Session {
  token: string;
  claims: TokenClaims;
}

export function readSession(storage: Storage): Session | null {
  const token = storage.getItem(TOKEN_KEY);
  if (!token) return null;
  try {
    return { token, claims: decodeTokenClaims(token) };
  } catch {
    storage.removeItem(TOKEN_KEY);
    return null;
  }
}

/** Stores the token once its claims decode; throws, storing nothing, when they do not. */
export function signIn(storage: Storage, token: string): Session {
  const trimmed = token.trim();
  const claims = decodeTokenClaims(trimmed);
  storage.setItem(TOKEN_KEY, trimmed);
  return { token: trimmed, claims };
}

export function signOut(storage: Storage): void {
  storage.removeItem(TOKEN_KEY);
}
