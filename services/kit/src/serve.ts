// A small HTTP front for an ApolloServer: POST and GET on /graphql, a health check on /health, and
// any extra routes the caller adds (the gateway serves files and exports this way). The gateway's
// GraphQL answers carry an ETag, so a browser or CDN revalidating a GET gets 304 when nothing changed.
import { createHash } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ApolloServer, type BaseContext, HeaderMap } from "@apollo/server";
import { applyCors, type CorsPolicy } from "./cors";

const MAX_BODY_BYTES = 1_000_000;

export type Route = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void> | void;

export interface ServeOptions<TContext extends BaseContext> {
  port: number;
  /** default: every interface, IPv6 and IPv4, so that "localhost" reaches it whichever it resolves to */
  host?: string;
  context: (request: IncomingMessage) => Promise<TContext>;
  /** extra routes by exact path */
  routes?: Record<string, Route>;
  /** cross-origin access for browsers; none when absent (subgraphs are not called from pages) */
  cors?: CorsPolicy;
  /** ETags on GraphQL answers, for browsers and CDNs; subgraphs, which only the gateway calls, skip the hashing */
  etags?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * A refusal with its HTTP status and machine-readable code, answered in the one error shape every
 * route uses: `{ "errors": [{ "message", "extensions": { "code", ... } }] }`.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Answers an error in the shape GraphQL clients already read. */
export function sendError(response: ServerResponse, error: HttpError): void {
  for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
  sendJson(response, error.status, {
    errors: [{ message: error.message, extensions: { code: error.code, ...error.extensions } }],
  });
}

export async function serve<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  options: ServeOptions<TContext>,
): Promise<RunningServer> {
  await server.start();
  const httpServer = http.createServer((request, response) => {
    handle(server, options, request, response).catch((error: unknown) => {
      if (error instanceof HttpError) return sendError(response, error);
      console.error(error);
      sendError(response, new HttpError(500, "INTERNAL_SERVER_ERROR", "The server could not answer."));
    });
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE") return reject(error);
      reject(new Error(`Port ${options.port} is already in use; stop what uses it or choose another port.`));
    });
    httpServer.listen(options.port, options.host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await server.stop();
    },
  };
}

async function handle<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  options: ServeOptions<TContext>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (options.cors && applyCors(request, response, options.cors)) return;
  const url = new URL(request.url ?? "/", "http://localhost");
  if (url.pathname === "/health") return sendJson(response, 200, { status: "ok" });
  const route = options.routes?.[url.pathname];
  if (route) return route(request, response, url);
  if (url.pathname !== "/graphql" && url.pathname !== "/") {
    return sendJson(response, 404, {
      errors: [{ message: `No route ${url.pathname}; GraphQL is served at /graphql.` }],
    });
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  const method = (request.method ?? "GET").toUpperCase();
  const body = method === "POST" ? await readJsonBody(request) : undefined;
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method, headers, search: url.search, body },
    context: () => options.context(request),
  });
  for (const [key, value] of result.headers) response.setHeader(key, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === "complete") {
    if (options.etags) sendWithEtag(request, response, result.body.string);
    else response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new HttpError(413, "PAYLOAD_TOO_LARGE", `Request body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  const contentType = request.headers["content-type"] ?? "";
  if (!contentType.includes("json")) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "BAD_REQUEST", "Request body is not valid JSON.");
  }
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

export function sendJson(response: ServerResponse, status: number, payload: unknown): void {
  response.statusCode = status;
  response.setHeader("content-type", "application/json; charset=utf-8");
  response.end(JSON.stringify(payload));
}
