// Structured JSON logs (pino), one line per event, with the request id wherever a request is known.
// LOG_LEVEL sets the level (default "info"; "silent" under the tests unless set).
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import pino, { type Logger } from "pino";

/** The header that carries a request's id from the client (optional) through the gateway to subgraphs. */
export const REQUEST_ID_HEADER = "x-request-id";

const DEFAULT_LEVEL = process.env.VITEST ? "silent" : "info";

export const logger: Logger = pino({
  level: process.env.LOG_LEVEL || DEFAULT_LEVEL,
  base: { pid: process.pid, service: process.env.TWINGRAPH_SERVICE },
  timestamp: pino.stdTimeFunctions.isoTime,
});

/** A safe id given by the caller (letters, digits, `-_.:`, at most 64), else a new one. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  const value = Array.isArray(given) ? given[0] : given;
  return value && /^[\w.:-]{1,64}$/.test(value) ? value : randomUUID();
}
