// Cross-origin access for pages that embed the widget or query the graph from the browser: origins
// on an allow-list get CORS headers; the default allows local development on any port.
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError } from "./http-error";

/** Local pages on any port; a deployment lists its portals' origins in CORS_ORIGINS. */
export const LOCAL_ORIGINS: readonly string[] = [
  "http://localhost:*",
  "http://127.0.0.1:*",
  "http://[::1]:*",
];

const ALLOWED_METHODS = "GET, POST, OPTIONS";
// authorization: editing tools on the allowed origins send their account's token (docs/editing.md)
const ALLOWED_HEADERS = [
  "content-type",
  "authorization",
  "accept",
  "if-none-match",
  "apollo-require-preflight",
  "x-apollo-operation-name",
  "apollographql-client-name",
  "apollographql-client-version",
].join(", ");
/** what a page's script may read besides the simple response headers */
const EXPOSED_HEADERS = "etag, age, cache-control, retry-after, x-request-id, x-twingraph-cache, x-credits";
const PREFLIGHT_MAX_AGE_SECONDS = 86_400;

export interface CorsPolicy {
  /** as configured, for messages */
  origins: readonly string[];
  allows(origin: string): boolean;
  /** every origin allowed: answer "*" and never vary by origin */
  any: boolean;
}

/**
 * Origins as `scheme://host[:port]`; `*` stands for any port (`http://localhost:*`, which also
 * allows no port) or any subdomain (`https://*.example.org`); a lone `*` allows every origin.
 */
export function corsPolicy(origins: readonly string[]): CorsPolicy {
  const any = origins.includes("*");
  const patterns = origins.filter((origin) => origin !== "*").map(originPattern);
  return { origins, any, allows: (origin) => any || patterns.some((pattern) => pattern.test(origin)) };
}

function originPattern(origin: string): RegExp {
  const trimmed = origin.trim().replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+$/.test(trimmed))
    throw new Error(`CORS_ORIGINS: "${origin}" is not an origin such as https://portal.example.org`);
  const anyPort = trimmed.endsWith(":*");
  const base = anyPort ? trimmed.slice(0, -2) : trimmed;
  const source = base
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[a-z0-9-]+(?:\\.[a-z0-9-]+)*");
  return new RegExp(`^${source}${anyPort ? "(?::\\d+)?" : ""}$`, "i");
}

/** CORS_ORIGINS, comma-separated, else the local default. */
export function corsPolicyFromEnv(value = process.env.CORS_ORIGINS): CorsPolicy {
  const origins = value
    ?.split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  return corsPolicy(origins && origins.length > 0 ? origins : LOCAL_ORIGINS);
}

/**
 * Sets the CORS headers of one response; answers a preflight itself and returns true when it did.
 * A request from an origin off the list goes on without CORS headers, so the browser keeps the
 * answer from the page; a preflight from one is refused with the reason (an HttpError, 403 FORBIDDEN).
 */
export function applyCors(request: IncomingMessage, response: ServerResponse, policy: CorsPolicy): boolean {
  const origin = request.headers.origin;
  const isPreflight = request.method === "OPTIONS" && request.headers["access-control-request-method"];
  if (!policy.any) response.setHeader("vary", "Origin");
  if (!origin) return false;
  if (!policy.allows(origin)) {
    if (!isPreflight) return false;
    throw new HttpError(
      403,
      "FORBIDDEN",
      `Origin ${origin} may not call this graph from a browser. Allowed: ${policy.origins.join(", ")}. ` +
        "Add it to CORS_ORIGINS (comma-separated) where the gateway runs.",
    );
  }
  response.setHeader("access-control-allow-origin", policy.any ? "*" : origin);
  response.setHeader("access-control-expose-headers", EXPOSED_HEADERS);
  if (!isPreflight) return false;
  response.statusCode = 204;
  response.setHeader("access-control-allow-methods", ALLOWED_METHODS);
  response.setHeader("access-control-allow-headers", ALLOWED_HEADERS);
  response.setHeader("access-control-max-age", String(PREFLIGHT_MAX_AGE_SECONDS));
  response.end();
  return true;
}
