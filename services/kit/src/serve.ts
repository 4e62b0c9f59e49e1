// A small HTTP front for an ApolloServer: POST and GET on /graphql, /health (alive), /ready (able to
// answer), /metrics (Prometheus), and any extra routes the caller adds (the gateway serves files and
// exports this way). Every request gets an id, one access log line and its metrics; slow clients
// meet deadlines; a drain lets answers under way finish. The gateway's GraphQL answers carry an
// ETag, so a browser or CDN revalidating a GET gets 304 when nothing changed.
import { createHash } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { type ApolloServer, type BaseContext, HeaderMap } from "@apollo/server";
import { applyCors, type CorsPolicy } from "./cors";
import { HttpError, recordAnsweredCode, sendError, sendJson } from "./http-error";
import {
  applyHttpLimits,
  connectionsCheckingInterval,
  type HttpLimits,
  httpLimitsFromEnv,
} from "./http-limits";
import { logger, REQUEST_ID_HEADER, requestIdOf } from "./logger";
import { metricsRegistry } from "./metrics";
import { ClientWentAway, checkQueryJson, readJsonBody } from "./request-body";
import { observeRequest } from "./request-log";

export * from "./http-error";
export { type HttpLimits, httpLimitsFromEnv } from "./http-limits";
export * from "./secret";
export * from "./shutdown";

export type Route = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void> | void;

/** Paths every server answers without a guard: what load balancers and Prometheus ask. */
export const OPEN_PATHS: readonly string[] = ["/health", "/ready", "/metrics"];
const GRAPHQL_PATHS: readonly string[] = ["/graphql", "/"];
/** GraphQL over HTTP has queries in a GET's URL or a POST's body; any other method is refused unread. */
const GRAPHQL_METHODS = "GET, POST";

/** A readiness check that has not answered by then counts as not ready. */
const READY_CHECK_TIMEOUT_MS = 2_000;

export interface ServeOptions<TContext extends BaseContext> {
  port: number;
  /** default: every interface, IPv6 and IPv4, so that "localhost" reaches it whichever it resolves to */
  host?: string;
  /** the context of one GraphQL request; `signal` aborts when the client leaves before its answer was sent */
  context: (request: IncomingMessage, signal: AbortSignal) => Promise<TContext>;
  /** extra routes by exact path */
  routes?: Record<string, Route>;
  /** cross-origin access for browsers; none when absent (subgraphs are not called from pages) */
  cors?: CorsPolicy;
  /** ETags on GraphQL answers, for browsers and CDNs; subgraphs, which only the gateway calls, skip the hashing */
  etags?: boolean;
  /** names this server in metrics and logs: "gateway", "cities" */
  service?: string;
  /** whether the server can answer queries now (its schema loaded, its database answering); /ready says so */
  ready?: () => Promise<boolean>;
  /** checks every request but those to OPEN_PATHS before its body is read, throwing an HttpError to refuse it */
  guard?: (request: IncomingMessage) => void | Promise<void>;
  /** checks a GraphQL request once its body is read and before the server parses it, throwing an HttpError to refuse it */
  graphqlGuard?: (request: IncomingMessage, body: unknown, url: URL) => Promise<void>;
  /** deadlines, connection cap and body limits; each unset one from its environment variable */
  limits?: Partial<HttpLimits>;
}

export interface RunningServer {
  url: string;
  port: number;
  /** stops at once, cutting connections */
  close(): Promise<void>;
  /**
   * Stops taking connections and answers /ready with 503 on those still open; answers under way
   * finish for up to `graceMs`, then every connection is closed and the server stops.
   */
  drain(graceMs: number): Promise<void>;
}

export async function serve<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  options: ServeOptions<TContext>,
): Promise<RunningServer> {
  const limits: HttpLimits = { ...httpLimitsFromEnv(), ...options.limits };
  const service = options.service ?? "graphql";
  const underWay = new ResponsesUnderWay();
  let draining = false;
  // a check still running when a drain starts answers not ready too
  const isReady = async () => !draining && (await readiness(options.ready)) && !draining;
  await server.start();
  const httpServer = http.createServer(
    { connectionsCheckingInterval: connectionsCheckingInterval(limits) },
    (request, response) => {
      const requestId = requestIdOf(request);
      // later readers (the gateway's context, its subgraph fetches) see the same id
      request.headers[REQUEST_ID_HEADER] = requestId;
      response.setHeader(REQUEST_ID_HEADER, requestId);
      underWay.add(request.socket, response);
      if (draining) response.setHeader("connection", "close");
      const leaving = new AbortController();
      response.once("close", () => {
        underWay.delete(request.socket, response);
        if (!response.writableFinished) leaving.abort();
        // the connection of an answer finished during a drain is idle only once Node is done with it
        if (draining) setImmediate(() => httpServer.closeIdleConnections());
      });
      const url = parseRequestUrl(request.url);
      observeRequest(request, response, {
        service,
        route: routeLabel(url?.pathname, options.routes),
        path: url?.pathname ?? "",
        requestId,
      });
      const serving: Serving<TContext> = { server, options, limits, isReady, signal: leaving.signal };
      handle(serving, request, response, url).catch((error: unknown) =>
        answerFailure(request, response, error, { service, requestId }),
      );
    },
  );
  applyHttpLimits(httpServer, limits, service, (socket) => underWay.of(socket));
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE") return reject(error);
      reject(new Error(`Port ${options.port} is already in use; stop what uses it or choose another port.`));
    });
    httpServer.listen(options.port, options.host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const closed = new Promise<void>((resolve) => httpServer.once("close", resolve));
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    async close() {
      httpServer.close();
      httpServer.closeAllConnections();
      await closed;
      await server.stop();
    },
    async drain(graceMs) {
      draining = true;
      httpServer.close();
      const graceOver = delay(graceMs);
      await Promise.race([underWay.none(), graceOver.done]);
      graceOver.cancel();
      httpServer.closeAllConnections();
      await closed;
      await server.stop();
    },
  };
}

interface Serving<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  options: ServeOptions<TContext>;
  limits: HttpLimits;
  isReady: () => Promise<boolean>;
  signal: AbortSignal;
}

async function handle<TContext extends BaseContext>(
  serving: Serving<TContext>,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL | undefined,
): Promise<void> {
  const { options } = serving;
  if (options.cors && applyCors(request, response, options.cors)) return;
  if (!url) throw new HttpError(400, "BAD_REQUEST", "The request's URL is not well-formed.");
  if (url.pathname === "/health") return sendJson(response, 200, { status: "ok" });
  if (url.pathname === "/ready") return answerReady(response, await serving.isReady());
  if (url.pathname === "/metrics") return answerMetrics(response);
  await options.guard?.(request);
  const route =
    options.routes && Object.hasOwn(options.routes, url.pathname) ? options.routes[url.pathname] : undefined;
  if (route) return route(request, response, url);
  if (!GRAPHQL_PATHS.includes(url.pathname))
    throw new HttpError(404, "NOT_FOUND", `No route ${url.pathname}; GraphQL is served at /graphql.`);
  await answerGraphQL(serving, request, response, url);
}

async function answerGraphQL<TContext extends BaseContext>(
  { server, options, limits, signal }: Serving<TContext>,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const method = graphqlMethod(request);
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  if (method === "GET") checkQueryJson(url.searchParams, limits.maxJsonDepth);
  const body = method === "POST" ? await readJsonBody(request, limits) : undefined;
  await options.graphqlGuard?.(request, body, url);
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method, headers, search: url.search, body },
    context: () => options.context(request, signal),
  });
  for (const [key, value] of result.headers) response.setHeader(key, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === "complete") {
    if (response.statusCode >= 400) recordGraphQLErrorCode(response, result.body.string);
    if (options.etags) sendWithEtag(request, response, result.body.string);
    else response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

/** The request's method when GraphQL is sent that way; any other is refused before a body is read. */
function graphqlMethod(request: IncomingMessage): "GET" | "POST" {
  const { method } = request;
  if (method === "GET" || method === "POST") return method;
  throw new HttpError(
    405,
    "METHOD_NOT_ALLOWED",
    `${method} is not allowed here; send GraphQL with GET or POST.`,
    {
      allow: GRAPHQL_METHODS,
    },
  );
}

/** The code of a refused GraphQL request, for its access log line and metrics (error answers are small). */
function recordGraphQLErrorCode(response: ServerResponse, body: string): void {
  try {
    const code = (JSON.parse(body) as { errors?: { extensions?: { code?: unknown } }[] }).errors?.[0]
      ?.extensions?.code;
    if (typeof code === "string") recordAnsweredCode(response, code);
  } catch {
    // not JSON: the answer stands, without a code in the log
  }
}

function answerReady(response: ServerResponse, ready: boolean): void {
  response.setHeader("cache-control", "no-store");
  if (ready) sendJson(response, 200, { status: "ready" });
  else sendError(response, new HttpError(503, "NOT_READY", "This server is starting or shutting down."));
}

async function answerMetrics(response: ServerResponse): Promise<void> {
  const text = await metricsRegistry.metrics();
  response.statusCode = 200;
  response.setHeader("content-type", metricsRegistry.contentType);
  response.setHeader("cache-control", "no-store");
  response.end(text);
}

async function readiness(ready: (() => Promise<boolean>) | undefined): Promise<boolean> {
  if (!ready) return true;
  const timeout = delay(READY_CHECK_TIMEOUT_MS);
  try {
    return await Promise.race([ready(), timeout.done.then(() => false)]);
  } catch {
    return false;
  } finally {
    timeout.cancel();
  }
}

/**
 * Answers what a route or the GraphQL path threw. A client that went away (an upload cut off, a
 * deadline missed) gets nothing, and its access log line says so; an unexpected error is logged
 * with its stack and answered without it.
 */
function answerFailure(
  request: IncomingMessage,
  response: ServerResponse,
  error: unknown,
  where: { service: string; requestId: string },
): void {
  if (error instanceof ClientWentAway || request.socket.destroyed) return;
  if (response.headersSent) {
    logger.error({ ...where, err: error }, "an answer failed after it had started");
    response.destroy();
    return;
  }
  if (error instanceof HttpError) {
    sendError(response, error);
    return;
  }
  logger.error({ ...where, err: error }, "unexpected error");
  sendError(response, new HttpError(500, "INTERNAL_SERVER_ERROR", "The server could not answer."));
}

function parseRequestUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? "/", "http://localhost");
  } catch {
    return undefined;
  }
}

/** The metrics label of a path: those the server knows, else "other", so a client cannot add labels. */
function routeLabel(pathname: string | undefined, routes: Record<string, Route> | undefined): string {
  if (pathname === undefined) return "other";
  if (OPEN_PATHS.includes(pathname) || GRAPHQL_PATHS.includes(pathname)) return pathname;
  return routes && Object.hasOwn(routes, pathname) ? pathname : "other";
}

/** The responses each connection is working on (more than one when a client pipelines requests). */
class ResponsesUnderWay {
  private readonly bySocket = new Map<Duplex, Set<ServerResponse>>();
  private count = 0;
  private waiting: (() => void)[] = [];

  add(socket: Duplex, response: ServerResponse): void {
    const responses = this.bySocket.get(socket) ?? new Set();
    responses.add(response);
    this.bySocket.set(socket, responses);
    this.count++;
  }

  delete(socket: Duplex, response: ServerResponse): void {
    const responses = this.bySocket.get(socket);
    if (!responses?.delete(response)) return;
    if (responses.size === 0) this.bySocket.delete(socket);
    this.count--;
    if (this.count === 0) for (const resolve of this.waiting.splice(0)) resolve();
  }

  /** The first answer this connection owes, if any. */
  of(socket: Duplex): ServerResponse | undefined {
    return this.bySocket.get(socket)?.values().next().value;
  }

  none(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

function delay(ms: number): { done: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { done, cancel: () => clearTimeout(timer) };
}

/** A strong ETag over the body and its type; a GET whose If-None-Match holds it gets 304. */
function sendWithEtag(request: IncomingMessage, response: ServerResponse, body: string): void {
  if (response.statusCode !== 200) {
    response.end(body);
    return;
  }
  const etag = entityTag(`${response.getHeader("content-type") ?? ""}\n${body}`);
  response.setHeader("etag", etag);
  if (request.method === "GET" && matchesEtag(request.headers["if-none-match"], etag)) {
    response.statusCode = 304;
    response.removeHeader("content-type");
    response.removeHeader("content-length");
    response.end();
    return;
  }
  response.end(body);
}

export function entityTag(content: string | Buffer): string {
  return `"${createHash("sha256").update(content).digest("base64url").slice(0, 32)}"`;
}

export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === etag);
}
