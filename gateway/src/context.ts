// What the gateway knows of each request before it runs: its id (logged and sent to subgraphs) and
// who sent it (the rate limit's key).
import type { IncomingMessage } from "node:http";
import type { BaseContext } from "@apollo/server";
import { requestIdOf } from "@twingraph/kit/http";

/** The header an API client names its key in. */
export const API_KEY_HEADER = "x-api-key";

export interface GatewayContext extends BaseContext {
  requestId: string;
  /** the client's address: the socket's, or with TRUST_PROXY=1 the first X-Forwarded-For entry */
  clientIp: string;
  /** the API key the client gave, if any (checked against the configured keys by the rate limit) */
  apiKey?: string;
}

export function gatewayContext(request: IncomingMessage): GatewayContext {
  const apiKey = request.headers[API_KEY_HEADER];
  return {
    requestId: requestIdOf(request),
    clientIp: clientIpOf(request),
    apiKey: typeof apiKey === "string" && apiKey !== "" ? apiKey : undefined,
  };
}

function clientIpOf(request: IncomingMessage): string {
  const forwarded = request.headers["x-forwarded-for"];
  if (process.env.TRUST_PROXY === "1" && typeof forwarded === "string") {
    const first = forwarded.split(",")[0]?.trim();
    if (first) return first;
  }
  return request.socket.remoteAddress ?? "unknown";
}
