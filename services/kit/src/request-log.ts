// What every request leaves behind once its connection is done with it: one access log line and
// the HTTP metrics, the same for an answer, an error, a timeout and a client that went away.
import type { IncomingMessage, ServerResponse } from "node:http";
import { answeredCode } from "./http-error";
import { logger } from "./logger";
import { counter, histogram } from "./metrics";

/** nginx's status for a client that closed its connection before the answer; never sent, only logged. */
export const CLIENT_CLOSED_STATUS = 499;
export const CLIENT_CLOSED_CODE = "CLIENT_CLOSED_REQUEST";

/** Long enough for any route's path; a client's 8 KB of path need not fill the logs. */
const LOGGED_PATH_LENGTH = 200;

export interface RequestLabels {
  service: string;
  /** a bounded label: a known path or "other" */
  route: string;
  path: string;
  requestId: string;
}

const requests = counter(
  "twingraph_http_requests_total",
  "HTTP requests by route, method, status and error code",
  ["service", "route", "method", "status", "code"],
);
const durations = histogram(
  "twingraph_http_request_duration_seconds",
  "Time from a request's arrival to the end of its answer",
  ["service", "route", "method"],
);

export function observeRequest(
  request: IncomingMessage,
  response: ServerResponse,
  labels: RequestLabels,
): void {
  const started = process.hrtime.bigint();
  response.once("close", () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const { status, code } = outcome(response);
    const method = request.method ?? "GET";
    requests.inc({ service: labels.service, route: labels.route, method, status, code: code ?? "" });
    durations.observe({ service: labels.service, route: labels.route, method }, seconds);
    logger.info(
      {
        service: labels.service,
        requestId: labels.requestId,
        method,
        path: labels.path.slice(0, LOGGED_PATH_LENGTH),
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        code,
      },
      "request",
    );
  });
}

function outcome(response: ServerResponse): { status: number; code?: string } {
  const code = answeredCode(response);
  if (response.writableFinished || code) return { status: response.statusCode, code };
  return { status: CLIENT_CLOSED_STATUS, code: CLIENT_CLOSED_CODE };
}
