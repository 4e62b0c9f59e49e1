// The JSON body of an admin request, small and checked field by field, so that a mistake is a 400
// naming the field rather than a token issued for something the admin did not mean.
import type { IncomingMessage } from "node:http";
import { HttpError } from "@twingraph/kit/http";

/** Far above any admin request's size; enough to refuse a flood unread. */
export const MAX_ADMIN_BODY_BYTES = 8 * 1024;

export type AdminBody = Record<string, unknown>;

/** The body as a JSON object holding only the named fields. */
export async function readAdminBody(request: IncomingMessage, fields: readonly string[]): Promise<AdminBody> {
  const text = await readText(request);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest(`The body must be a JSON object with ${fieldList(fields)}.`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw badRequest(`The body must be a JSON object with ${fieldList(fields)}.`);
  const unknown = Object.keys(body).find((field) => !fields.includes(field));
  if (unknown !== undefined)
    throw badRequest(`Unknown field ${JSON.stringify(unknown)}: the body has ${fieldList(fields)}.`);
  return body as AdminBody;
}

async function readText(request: IncomingMessage): Promise<string> {
  if (Number(request.headers["content-length"]) > MAX_ADMIN_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_ADMIN_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A text field, trimmed unless `exact`; `undefined` when optional and absent. */
export function textField(
  body: AdminBody,
  field: string,
  { maxLength, optional = false, exact = false }: { maxLength: number; optional?: boolean; exact?: boolean },
): string | undefined {
  const value = body[field];
  if (value === undefined && optional) return undefined;
  if (typeof value !== "string") throw badRequest(`"${field}" must be text.`);
  const text = exact ? value : value.trim();
  if (text.trim() === "") throw badRequest(`"${field}" must not be empty.`);
  if (text.length > maxLength) throw badRequest(`"${field}" must have at most ${maxLength} characters.`);
  return text;
}

/** A whole number within the bounds, or the default when absent. */
export function wholeNumberField(
  body: AdminBody,
  field: string,
  { min, max, fallback }: { min: number; max: number; fallback: number },
): number {
  const value = body[field];
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
    throw badRequest(`"${field}" must be a whole number from ${min} to ${max}.`);
  return value;
}

export function badRequest(message: string): HttpError {
  return new HttpError(400, "BAD_REQUEST", message);
}

function tooLarge(): HttpError {
  return new HttpError(
    413,
    "PAYLOAD_TOO_LARGE",
    `An admin request's body has at most ${MAX_ADMIN_BODY_BYTES} bytes.`,
  );
}

function fieldList(fields: readonly string[]): string {
  const quoted = fields.map((field) => `"${field}"`);
  return quoted.length < 2 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
}
