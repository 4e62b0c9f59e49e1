// Internal steps a subgraph serves for the changes coordinator beside the apply protocol's routes:
// POST with a JSON body, behind the gateway secret like /graphql, answered in JSON, never cached.
// A step is its function alone, so a federation without sockets (tests) calls the same function in
// process that a subgraph serves over HTTP.
import type { IncomingMessage, ServerResponse } from "node:http";
import { GraphQLError } from "graphql";
import { HttpError, sendJson } from "./http-error";
import { logger } from "./logger";
import { type BodyLimits, readJsonBody } from "./request-body";
import type { Route } from "./serve";

/** The request's JSON body in, the JSON answer out; an HttpError refuses with its status and code. */
export type JsonStep = (body: unknown) => Promise<unknown>;

/** The steps as routes by path, for `serve`'s `routes`. */
export function jsonStepRoutes(
  service: string,
  steps: Readonly<Record<string, JsonStep>>,
  limits: BodyLimits,
): Record<string, Route> {
  return Object.fromEntries(
    Object.entries(steps).map(([path, step]) => [path, jsonStepRoute(service, path, step, limits)]),
  );
}

function jsonStepRoute(service: string, path: string, step: JsonStep, limits: BodyLimits): Route {
  return async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== "POST")
      throw new HttpError(405, "METHOD_NOT_ALLOWED", `${path} takes POST.`, { allow: "POST" });
    const body = await readJsonBody(request, limits);
    let answer: unknown;
    try {
      answer = await step(body);
    } catch (error) {
      throw stepError(service, path, error);
    }
    response.setHeader("cache-control", "no-store");
    sendJson(response, 200, answer);
  };
}

function stepError(service: string, path: string, error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof GraphQLError && typeof error.extensions.code === "string")
    return new HttpError(400, error.extensions.code, error.message);
  logger.error({ service, path, err: error }, "an internal step failed");
  return new HttpError(
    500,
    "STEP_FAILED",
    `${path} failed in the ${service} subgraph: ${(error as Error).message}`,
  );
}

/** A step's body as an object; a 400 naming the path when it is something else. */
export function stepFields(path: string, body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new HttpError(400, "BAD_REQUEST", `${path} takes a JSON object.`);
  return body as Record<string, unknown>;
}

/** A field that must hold a list of ids (non-empty strings); a 400 naming it otherwise. */
export function idListField(path: string, fields: Record<string, unknown>, field: string): string[] {
  const value = fields[field];
  if (!Array.isArray(value) || !value.every((id) => typeof id === "string" && id !== ""))
    throw new HttpError(400, "BAD_REQUEST", `${path}: "${field}" must be a list of ids.`);
  return value as string[];
}
