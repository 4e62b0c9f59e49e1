// Reads a request's body for GraphQL: bounded in bytes, strict UTF-8, and JSON no deeper than a limit,
// so that a client's mistake or attack is a 400 or 413 with a code, never a stack overflow further on
// (Apollo walks `variables` recursively: 5,000 nested arrays overflowed its stack).
import type { IncomingMessage } from "node:http";
import { HttpError } from "./http-error";

export interface BodyLimits {
  maxBodyBytes: number;
  /** nesting of arrays and objects, the outermost counting as 1 */
  maxJsonDepth: number;
}

/** The client closed its connection before its body arrived: there is no one to answer. */
export class ClientWentAway extends Error {
  constructor() {
    super("The client closed the connection before its request arrived.");
  }
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The body as parsed JSON (or as text when it is not declared JSON); undefined when empty. */
export async function readJsonBody(request: IncomingMessage, limits: BodyLimits): Promise<unknown> {
  const declared = Number(request.headers["content-length"]);
  if (declared > limits.maxBodyBytes) throw tooLarge(limits);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > limits.maxBodyBytes) throw tooLarge(limits);
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new ClientWentAway();
  }
  if (!request.complete) throw new ClientWentAway();
  const text = decodeUtf8(Buffer.concat(chunks));
  if (text.trim() === "") return undefined;
  const contentType = request.headers["content-type"] ?? "";
  if (!contentType.includes("json")) return text;
  return parseJson(text, "Request body", limits.maxJsonDepth);
}

/**
 * Checks the JSON a GET carries in its `variables` and `extensions` parameters, which Apollo parses
 * itself: the same depth limit as a body. Text that is not JSON is left for Apollo to refuse.
 */
export function checkQueryJson(search: URLSearchParams, maxJsonDepth: number): void {
  for (const name of ["variables", "extensions"]) {
    const text = search.get(name);
    if (text === null) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue;
    }
    checkDepth(value, `The ${name} parameter`, maxJsonDepth);
  }
}

function parseJson(text: string, what: string, maxJsonDepth: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, "BAD_REQUEST", `${what} is not valid JSON.`);
  }
  checkDepth(value, what, maxJsonDepth);
  return value;
}

function checkDepth(value: unknown, what: string, maxJsonDepth: number): void {
  if (jsonDepth(value, maxJsonDepth) > maxJsonDepth)
    throw new HttpError(
      400,
      "BAD_REQUEST",
      `${what} nests arrays and objects more than ${maxJsonDepth} levels deep.`,
      {},
      { limit: "jsonDepth", maximum: maxJsonDepth },
    );
}

/**
 * How deeply arrays and objects nest in a parsed JSON value, counted without recursion (a deep value
 * is exactly what must not overflow the stack) and no further than one level past `stopAfter`.
 */
export function jsonDepth(value: unknown, stopAfter = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    if (item.value === null || typeof item.value !== "object") continue;
    deepest = Math.max(deepest, item.depth);
    if (deepest > stopAfter) return deepest;
    const children = Array.isArray(item.value) ? item.value : Object.values(item.value);
    for (const child of children)
      if (child !== null && typeof child === "object") pending.push({ value: child, depth: item.depth + 1 });
  }
  return deepest;
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new HttpError(400, "BAD_REQUEST", "Request body is not valid UTF-8.");
  }
}

function tooLarge(limits: BodyLimits): HttpError {
  return new HttpError(
    413,
    "PAYLOAD_TOO_LARGE",
    `Request body is larger than ${limits.maxBodyBytes} bytes.`,
    {},
    { limit: "bodyBytes", maximum: limits.maxBodyBytes },
  );
}
