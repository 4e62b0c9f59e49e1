// What the gateway knows of each request before it runs: its id (logged and sent to subgraphs) and
// who sent it (the rate limit's key; the account its token names, which the subgraphs are told).
import type { IncomingMessage } from "node:http";
import type { BaseContext } from "@apollo/server";
import { requestIdOf, type Viewer } from "@twingraph/kit/http";
import { viewerOf } from "./auth/request";
import { type PersistedGetMark, persistedGetHash } from "./rate-limit-persisted-get";

/** The header an API client names its key in. */
export const API_KEY_HEADER = "x-api-key";

export interface GatewayContext extends BaseContext, PersistedGetMark {
  requestId: string;
  /**
   * the client's address: the socket's, or with TRUST_PROXY=1 the last X-Forwarded-For entry, the
   * one the trusted proxy appended (earlier entries are whatever the client wrote)
   */
  clientIp: string;
  /** the API key the client gave, if any (checked against the configured keys by the rate limit) */
  apiKey?: string;
  /** the account of the request's verified bearer token; none for an anonymous reader */
  viewer?: Viewer;
  /** the operation's estimated cost, once the cost plugin has it (before the operation runs) */
  cost?: number;
}

export function gatewayContext(request: IncomingMessage): GatewayContext {
  const apiKey = request.headers[API_KEY_HEADER];
  return {
    requestId: requestIdOf(request),
    clientIp: clientIpOf(request),
    apiKey: typeof apiKey === "string" && apiKey !== "" ? apiKey : undefined,
    viewer: viewerOf(request),
    persistedGetHash: persistedGetHash(request),
  };
}

function clientIpOf(request: IncomingMessage): string {
  const forwarded = request.headers["x-forwarded-for"];
  if (process.env.TRUST_PROXY === "1" && typeof forwarded === "string") {
    const last = forwarded.split(",").at(-1)?.trim();
    if (last) return last;
  }
  return request.socket.remoteAddress ?? "unknown";
}
