// The gateway's HTTP to its subgraphs, on node:http rather than fetch: a CPU profile of the gateway
// under the dossier's load put about 44% of its time in Node's fetch (WHATWG streams, abort signals,
// Request and Headers objects for every call), where node:http with a pool of keep-alive
// connections per subgraph does the same exchange with a fraction of the work. Answers are read whole
// under one timeout that covers the wait and the reading.
import http, { type OutgoingHttpHeaders } from "node:http";
import https from "node:https";

/** A subgraph's answer, read whole: what the client needs of its headers, and its body as text. */
export interface SubgraphReply {
  status: number;
  contentType: string | undefined;
  cacheControl: string | undefined;
  body: string;
}

/** Where a subgraph route is: parsed once, so that a request parses nothing. */
export interface SubgraphTarget {
  agent: http.Agent;
  secure: boolean;
  hostname: string;
  port: string;
  path: string;
}

/**
 * Connections a pool keeps open to one subgraph: more than the gateway's concurrent fetches to it
 * under load (8 clients × a dossier's parallel fetches), far below a subgraph's MAX_CONNECTIONS (1,024).
 */
const MAX_SOCKETS = 64;
/**
 * How long an idle connection is kept: under the subgraphs' KEEP_ALIVE_TIMEOUT_MS (5,000), so the
 * gateway closes it before the subgraph does; Node's agent shortens it further to 1 s under the
 * timeout a subgraph announces in its Keep-Alive header.
 */
const IDLE_MS = 4_000;

/** One pool per origin in this process, shared by a subgraph's GraphQL fetches and its /revision reads. */
const pools = new Map<string, http.Agent>();

function poolFor(url: URL): http.Agent {
  let pool = pools.get(url.origin);
  if (!pool) {
    const options: http.AgentOptions = {
      keepAlive: true,
      maxSockets: MAX_SOCKETS,
      timeout: IDLE_MS,
      // the most recently used connection first: a lull lets the others idle out
      scheduling: "lifo",
    };
    pool = url.protocol === "https:" ? new https.Agent(options) : new http.Agent(options);
    pools.set(url.origin, pool);
  }
  return pool;
}

/** Parsed targets by URL: a /revision read parses nothing either. */
const targets = new Map<string, SubgraphTarget>();

export function subgraphTarget(url: string): SubgraphTarget {
  let target = targets.get(url);
  if (!target) {
    target = parseTarget(url);
    targets.set(url, target);
  }
  return target;
}

function parseTarget(url: string): SubgraphTarget {
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new Error(`A subgraph URL must be http or https, got "${parsed.protocol}"`);
  return {
    agent: poolFor(parsed),
    secure: parsed.protocol === "https:",
    hostname: parsed.hostname.replace(/^\[|\]$/g, ""),
    port: parsed.port,
    path: parsed.pathname + parsed.search,
  };
}

/** The whole answer did not arrive within the subgraph's timeout. */
export class SubgraphTimeoutError extends Error {
  override readonly name = "TimeoutError";

  constructor(timeoutMs: number) {
    super(`no whole answer within ${timeoutMs} ms`);
  }
}

export interface Exchange {
  method: "GET" | "POST";
  headers: OutgoingHttpHeaders;
  body?: string;
  timeoutMs: number;
  /**
   * whether the request may be sent again when a kept-alive connection turns out closed before any
   * answer (the subgraph closed it as it was reused): true for reads only
   */
  retryOnStaleConnection: boolean;
}

/**
 * One request to a subgraph and its whole answer; rejects on a connection failure (its errno code
 * on the error) or a SubgraphTimeoutError, never for an HTTP status.
 */
export function exchange(target: SubgraphTarget, request: Exchange): Promise<SubgraphReply> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => fail(new SubgraphTimeoutError(request.timeoutMs)), request.timeoutMs);
    let outgoing: http.ClientRequest;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outgoing.destroy();
      reject(error);
    };
    const send = (retry: boolean) => {
      outgoing = (target.secure ? https : http).request(
        {
          agent: target.agent,
          hostname: target.hostname,
          port: target.port,
          path: target.path,
          method: request.method,
          headers: request.headers,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", fail);
          // a connection closed part-way through the answer
          response.on("close", () => {
            if (!response.complete)
              fail(Object.assign(new Error("answer cut short"), { code: "ECONNRESET" }));
          });
          response.on("end", () => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            const { headers } = response;
            resolve({
              status: response.statusCode ?? 0,
              contentType: headers["content-type"],
              cacheControl: headers["cache-control"],
              body: chunks.length === 1 ? chunks[0]!.toString() : Buffer.concat(chunks).toString(),
            });
          });
        },
      );
      outgoing.on("error", (error: NodeJS.ErrnoException) => {
        // a reused connection the subgraph had closed: nothing reached it, so a read may go again
        if (retry && outgoing.reusedSocket && error.code === "ECONNRESET" && !settled) send(false);
        else fail(error);
      });
      outgoing.end(request.body);
    };
    send(request.retryOnStaleConnection);
  });
}
