// What a slow or broken client may hold of a server: time to send its headers and its body, idle
// time on a connection, the number of connections, and what a malformed request is answered. Each
// limit is an environment variable, so an operator behind a proxy can match the proxy's own.
import type { Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { errorBody, recordAnsweredCode } from "./http-error";
import { logger } from "./logger";
import { counter } from "./metrics";
import type { BodyLimits } from "./request-body";
import { positiveIntegerFromEnv } from "./settings";

export interface HttpLimits extends BodyLimits {
  /** time from a connection's opening, or from a request's first byte, to the end of its headers */
  headersTimeoutMs: number;
  /** time from a request's first byte to the end of its body */
  requestTimeoutMs: number;
  /** how long an idle connection is kept open after an answer for the client's next request */
  keepAliveTimeoutMs: number;
  /** connections beyond this are closed as they arrive */
  maxConnections: number;
}

/** Each default, and the variable that overrides it. */
const SETTINGS: Record<keyof HttpLimits, { variable: string; fallback: number }> = {
  maxBodyBytes: { variable: "MAX_BODY_BYTES", fallback: 1_000_000 },
  maxJsonDepth: { variable: "MAX_JSON_DEPTH", fallback: 64 },
  headersTimeoutMs: { variable: "HEADERS_TIMEOUT_MS", fallback: 10_000 },
  requestTimeoutMs: { variable: "REQUEST_TIMEOUT_MS", fallback: 10_000 },
  keepAliveTimeoutMs: { variable: "KEEP_ALIVE_TIMEOUT_MS", fallback: 5_000 },
  maxConnections: { variable: "MAX_CONNECTIONS", fallback: 1024 },
};

export function httpLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): HttpLimits {
  const entries = Object.entries(SETTINGS).map(([name, { variable, fallback }]) => [
    name,
    positiveIntegerFromEnv(env, variable, fallback),
  ]);
  return Object.fromEntries(entries) as HttpLimits;
}

/**
 * How often Node looks for requests past their header or body deadline: its default, 30 s, would
 * let a 10 s deadline run to 40 s.
 */
export function connectionsCheckingInterval(limits: HttpLimits): number {
  return Math.max(
    10,
    Math.min(1_000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)),
  );
}

/**
 * Applies the limits to a server made with `connectionsCheckingInterval(limits)`. `answering` gives
 * the response a connection is working on, if any: a request cut off (a deadline missed, broken
 * HTTP) is then logged once, by that response's access log line.
 */
export function applyHttpLimits(
  server: Server,
  limits: HttpLimits,
  service: string,
  answering: (socket: Duplex) => ServerResponse | undefined,
): void {
  // Node requires a request's header deadline to fall within its whole deadline
  server.headersTimeout = Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs);
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
  const dropped = counter(
    "twingraph_http_connections_dropped_total",
    "Connections closed on arrival: over MAX_CONNECTIONS",
    ["service"],
  );
  server.on("drop", () => dropped.inc({ service }));
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    const refusal = refusalOf(error);
    const response = answering(socket);
    if (refusal && socket.writable && !response?.headersSent) {
      socket.write(rawAnswer(refusal));
      if (response) {
        response.statusCode = refusal.status;
        recordAnsweredCode(response, refusal.code);
      }
    }
    socket.destroy();
    // a request under way is logged by its own access log line; a connection without one, here
    if (!response && refusal)
      logger.info({ service, status: refusal.status, code: refusal.code }, refusal.message);
  });
}

interface Refusal {
  status: number;
  reason: string;
  code: string;
  message: string;
}

/** Errors that say the client closed its connection (midway through a request, for the last). */
const CLIENT_GONE = new Set(["ECONNRESET", "EPIPE", "HPE_INVALID_EOF_STATE"]);

/** What a broken request is answered, straight on the socket; nothing when the client is gone. */
function refusalOf(error: NodeJS.ErrnoException): Refusal | undefined {
  if (error.code && CLIENT_GONE.has(error.code)) return undefined;
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT")
    return refusal(408, "Request Timeout", "REQUEST_TIMEOUT", "The request did not arrive in time.");
  if (error.code === "HPE_HEADER_OVERFLOW")
    return refusal(
      431,
      "Request Header Fields Too Large",
      "BAD_REQUEST",
      "The request's headers are too large.",
    );
  return refusal(400, "Bad Request", "BAD_REQUEST", "The request is not well-formed HTTP.");
}

function refusal(status: number, reason: string, code: string, message: string): Refusal {
  return { status, reason, code, message };
}

function rawAnswer(refusal: Refusal): string {
  const body = JSON.stringify(errorBody(refusal.code, refusal.message));
  return [
    `HTTP/1.1 ${refusal.status} ${refusal.reason}`,
    "content-type: application/json; charset=utf-8",
    `content-length: ${Buffer.byteLength(body)}`,
    "connection: close",
    "",
    body,
  ].join("\r\n");
}
