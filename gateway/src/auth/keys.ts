// The keys tokens are verified with, from the environment: HS256 secrets (JWT_SECRET, JWT_SECRET_FILE,
// else the embedded default <data dir>/jwt-secret) and public keys (JWKS_FILE). The gateway only reads
// them; `npm start` and `npm run token` create the default secret file when nothing is configured.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { defaultDataDir } from "@twingraph/kit/settings";
import type { JsonWebKeySet } from "./jose";

export interface TokenKeys {
  /** HS256 secrets: the first signs new tokens, every one verifies (an old one stays while its tokens expire) */
  secrets: readonly string[];
  /** public keys for tokens an identity provider signs (RS256, ES256, EdDSA, …) */
  jwks?: JsonWebKeySet;
}

/** Shorter secrets can be guessed offline from any one token. */
export const MIN_SECRET_LENGTH = 32;

export function defaultTokenSecretFile(): string {
  return path.join(defaultDataDir(), "jwt-secret");
}

/** Whether the environment names keys, so that the default secret file is neither read nor made. */
export function tokenKeysConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return !!(env.JWT_SECRET || env.JWT_SECRET_FILE || env.JWKS_FILE);
}

/**
 * JWT_SECRET, else the secrets of JWT_SECRET_FILE; JWKS_FILE's keys; with none of them set, the
 * secrets of the default file if it exists. A configured file that cannot be read stops the start.
 */
export function tokenKeysFromEnv(env: NodeJS.ProcessEnv = process.env): TokenKeys {
  const jwks = env.JWKS_FILE ? readJwksFile(env.JWKS_FILE) : undefined;
  if (env.JWT_SECRET) return { secrets: [checkedSecret(env.JWT_SECRET, "JWT_SECRET")], jwks };
  if (env.JWT_SECRET_FILE) return { secrets: readSecretFile(env.JWT_SECRET_FILE, "JWT_SECRET_FILE"), jwks };
  if (jwks) return { secrets: [], jwks };
  const file = defaultTokenSecretFile();
  return { secrets: readSecretFile(file, file, { optional: true }) };
}

/**
 * The secret `npm run token` signs with: JWT_SECRET, else the first of JWT_SECRET_FILE, else the
 * first of the default file, made when absent. `created` names the file when this call made it.
 */
export function signingSecretFromEnv(env: NodeJS.ProcessEnv = process.env): {
  secret: string;
  created?: string;
} {
  if (env.JWT_SECRET) return { secret: checkedSecret(env.JWT_SECRET, "JWT_SECRET") };
  if (env.JWT_SECRET_FILE) return { secret: readSecretFile(env.JWT_SECRET_FILE, "JWT_SECRET_FILE")[0]! };
  if (env.JWKS_FILE)
    throw new Error(
      "JWKS_FILE is set: tokens are signed by the identity provider that holds its private keys. " +
        "To issue HS256 tokens here as well, set JWT_SECRET or JWT_SECRET_FILE for the gateway and this command.",
    );
  const created = ensureDefaultTokenSecret(env);
  const file = defaultTokenSecretFile();
  return { secret: readSecretFile(file, file)[0]!, created };
}

/**
 * Makes the default secret file (a random secret, readable by its owner alone) when no keys are
 * configured and it does not exist yet; returns its path when it made it.
 */
export function ensureDefaultTokenSecret(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (tokenKeysConfigured(env)) return undefined;
  const file = defaultTokenSecretFile();
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": a file another process made meanwhile is kept, never overwritten
    writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
    return file;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return undefined;
    throw error;
  }
}

/** One secret a line, the first signing; blank lines ignored. */
function readSecretFile(file: string, origin: string, { optional = false } = {}): string[] {
  let contents: string;
  try {
    contents = readFileSync(file, "utf8");
  } catch (error) {
    if (optional && (error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new Error(`${origin} cannot be read: ${(error as Error).message}`);
  }
  const secrets = contents
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  if (secrets.length === 0) throw new Error(`${origin} (${file}) holds no secret.`);
  return secrets.map((secret, index) => checkedSecret(secret, `line ${index + 1} of ${origin}`));
}

function checkedSecret(secret: string, origin: string): string {
  if (secret.length < MIN_SECRET_LENGTH)
    throw new Error(
      `The token secret in ${origin} is ${secret.length} characters long; it must have at least ` +
        `${MIN_SECRET_LENGTH}, e.g. $(openssl rand -base64 32).`,
    );
  return secret;
}

/** A JSON Web Key Set of public keys; a secret (oct) or private key in it is refused, not used. */
function readJwksFile(file: string): JsonWebKeySet {
  let jwks: unknown;
  try {
    jwks = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`JWKS_FILE cannot be read as JSON: ${(error as Error).message}`);
  }
  const keys = (jwks as { keys?: unknown })?.keys;
  if (!Array.isArray(keys) || keys.length === 0)
    throw new Error(`JWKS_FILE (${file}) must be a JSON Web Key Set: {"keys": [ … ]} with at least one key.`);
  keys.forEach((key: unknown, index) => {
    const { kty, d } = (key ?? {}) as { kty?: unknown; d?: unknown };
    if (typeof kty !== "string") throw new Error(`Key ${index + 1} of JWKS_FILE (${file}) has no "kty".`);
    if (kty === "oct" || d !== undefined)
      throw new Error(
        `Key ${index + 1} of JWKS_FILE (${file}) is secret or private: the file holds public keys only ` +
          "(HS256 secrets go in JWT_SECRET or JWT_SECRET_FILE).",
      );
  });
  return jwks as JsonWebKeySet;
}
