// The one error shape every HTTP route answers, `{ "errors": [{ "message", "extensions": { "code" } }] }`,
// the shape GraphQL clients already read, and what each response answered, for the access log.
import type { ServerResponse } from "node:http";

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

const answeredCodes = new WeakMap<ServerResponse, string>();

/** Answers an error in the shape GraphQL clients already read. */
export function sendError(response: ServerResponse, error: HttpError): void {
  answeredCodes.set(response, error.code);
  for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
  // GraphQL over HTTP: a client that accepts this type reads the errors of a 4xx answer given in it
  // (Apollo Client 4 does), where a 4xx in plain JSON is only a failed request to it
  const type = acceptsGraphQLResponse(response) ? GRAPHQL_RESPONSE_TYPE : JSON_TYPE;
  sendJson(response, error.status, errorBody(error.code, error.message, error.extensions), type);
}

const JSON_TYPE = "application/json; charset=utf-8";
const GRAPHQL_RESPONSE_TYPE = "application/graphql-response+json; charset=utf-8";

function acceptsGraphQLResponse(response: ServerResponse): boolean {
  const accept = response.req?.headers.accept;
  return typeof accept === "string" && accept.includes("application/graphql-response+json");
}

export function errorBody(
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): { errors: { message: string; extensions: Record<string, unknown> }[] } {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/** The code of the error this response answered, if it answered one through `sendError`. */
export function answeredCode(response: ServerResponse): string | undefined {
  return answeredCodes.get(response);
}

/** Records the code of an error answered some other way (by Apollo, or straight on the socket). */
export function recordAnsweredCode(response: ServerResponse, code: string): void {
  answeredCodes.set(response, code);
}

export function sendJson(response: ServerResponse, status: number, payload: unknown, type = JSON_TYPE): void {
  response.statusCode = status;
  response.setHeader("content-type", type);
  response.end(JSON.stringify(payload));
}
