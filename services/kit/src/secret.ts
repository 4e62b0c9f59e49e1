// The secret the gateway shares with its subgraphs, so that only the gateway may call them: whoever
// reaches a subgraph directly would otherwise walk around the gateway's limits (`_entities` included).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { HttpError } from "./http-error";

/** The header the gateway sends the secret in, on every subgraph request. */
export const GATEWAY_SECRET_HEADER = "x-twingraph-gateway-secret";

const HOW_TO_SET =
  "Set GATEWAY_SECRET (or GATEWAY_SECRET_FILE, a file holding it) to the same random value for the " +
  "gateway and every subgraph, e.g. GATEWAY_SECRET=$(openssl rand -base64 32); `npm start` makes one per run.";

/** GATEWAY_SECRET, else the trimmed contents of the file GATEWAY_SECRET_FILE names; undefined when neither. */
export function gatewaySecretFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.GATEWAY_SECRET) return env.GATEWAY_SECRET;
  if (!env.GATEWAY_SECRET_FILE) return undefined;
  let contents: string;
  try {
    contents = readFileSync(env.GATEWAY_SECRET_FILE, "utf8").trim();
  } catch (error) {
    throw new Error(`GATEWAY_SECRET_FILE cannot be read: ${(error as Error).message}`);
  }
  if (contents === "")
    throw new Error(`GATEWAY_SECRET_FILE (${env.GATEWAY_SECRET_FILE}) is empty. ${HOW_TO_SET}`);
  return contents;
}

/** The secret from the environment, or an error that says how to set it. */
export function requireGatewaySecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = gatewaySecretFromEnv(env);
  if (!secret) throw new Error(`The gateway's shared secret is not set. ${HOW_TO_SET}`);
  return secret;
}

/** A new random secret, for a stack that starts its gateway and subgraphs together. */
export function generateGatewaySecret(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * Refuses a request without the secret (401) or with another (403). Both sides are hashed first so
 * the comparison takes the same time whatever the given value's length or content.
 */
export function checkGatewaySecret(request: IncomingMessage, secret: string): void {
  const given = request.headers[GATEWAY_SECRET_HEADER];
  if (given === undefined || given === "")
    throw new HttpError(
      401,
      "UNAUTHENTICATED",
      `This subgraph answers only its gateway, which sends the ${GATEWAY_SECRET_HEADER} header.`,
    );
  if (typeof given !== "string" || !sameSecret(given, secret))
    throw new HttpError(
      403,
      "FORBIDDEN",
      `The ${GATEWAY_SECRET_HEADER} header does not hold this subgraph's secret.`,
    );
}

export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(sha256(given), sha256(expected));
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
