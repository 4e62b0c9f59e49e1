// Verifies a bearer token once per request (jose): an HS256 token against the configured secrets, any
// other against the public keys of JWKS_FILE; issuer and audience "twingraph"; `sub`, `name`, `role`
// and `exp` required; not issued before its account's tokens were revoked. Every refusal is a 401
// UNAUTHENTICATED that says what is wrong with the token.
import { HttpError, isRole, ROLES, type Viewer } from "@twingraph/kit/http";
import { type Jose, type JwtPayload, loadJose } from "./jose";
import { type TokenKeys, tokenKeysFromEnv } from "./keys";
import { memoryRevocationList, type RevocationList } from "./revocations";
import { revocationListFromEnv } from "./revocations-env";

export const TOKEN_ISSUER = "twingraph";
export const TOKEN_AUDIENCE = "twingraph";
export const REQUIRED_CLAIMS = ["sub", "name", "role", "exp"] as const;
/** What identity providers sign with; never HS256 (a public key is no secret) nor "none". */
export const PUBLIC_KEY_ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
];

export interface TokenVerifier {
  /** The account a token names; rejects with an HttpError 401 UNAUTHENTICATED when it cannot be trusted. */
  verify(token: string): Promise<Viewer>;
  /** the HS256 secret new tokens are signed with (the first configured); none when only JWKS_FILE is set */
  readonly signingSecret?: string;
  /** the accounts whose earlier tokens are refused */
  readonly revocations: RevocationList;
}

const NO_KEYS =
  "This gateway has no keys to verify tokens with. Its operator sets JWT_SECRET (or JWT_SECRET_FILE) to " +
  "the secret tokens are signed with, or JWKS_FILE to a JSON Web Key Set of public keys; `npm start` " +
  "and `npm run token` make a secret in .data/jwt-secret when none is set.";

export function unauthenticated(message: string): HttpError {
  return new HttpError(401, "UNAUTHENTICATED", message, {
    "www-authenticate": `Bearer realm="${TOKEN_ISSUER}", error="invalid_token"`,
  });
}

/**
 * The verifier for the keys the environment configures (see keys.ts), with the revocations kept in
 * Redis at `redisUrl` or in the data directory (revocations-env.ts); the caller closes the list.
 */
export function tokenVerifierFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  redisUrl = env.REDIS_URL || undefined,
): TokenVerifier {
  const keys = tokenKeysFromEnv(env);
  return createTokenVerifier(keys, revocationListFromEnv(redisUrl));
}

/** Revocations default to this process's memory: a gateway that serves admins is given a stored list. */
export function createTokenVerifier(
  keys: TokenKeys,
  revocations: RevocationList = memoryRevocationList(),
): TokenVerifier {
  const secrets = keys.secrets.map((secret) => new TextEncoder().encode(secret));
  let keySet: KeySet | undefined;
  const publicKeys = (jose: Jose) => {
    if (keys.jwks) keySet ??= jose.createLocalJWKSet(keys.jwks);
    return keySet;
  };
  return {
    signingSecret: keys.secrets[0],
    revocations,
    async verify(token) {
      if (secrets.length === 0 && !keys.jwks) throw unauthenticated(NO_KEYS);
      const jose = await loadJose();
      let payload: JwtPayload;
      try {
        payload =
          algorithmOf(jose, token) === "HS256"
            ? await verifyWithSecrets(jose, token, secrets)
            : await verifyWithPublicKeys(jose, token, publicKeys(jose));
      } catch (error) {
        throw refusal(error);
      }
      const viewer = viewerFrom(payload);
      await refuseRevoked(revocations, viewer.subject, payload.iat);
      return viewer;
    },
  };
}

type KeySet = ReturnType<Jose["createLocalJWKSet"]>;

function algorithmOf(jose: Jose, token: string): string {
  let alg: unknown;
  try {
    alg = jose.decodeProtectedHeader(token).alg;
  } catch {
    throw unauthenticated("The token is not a well-formed JWT: its header cannot be read.");
  }
  if (typeof alg !== "string" || alg === "none")
    throw unauthenticated("The token is not signed: its header names no signing algorithm.");
  return alg;
}

const VERIFY_OPTIONS = {
  issuer: TOKEN_ISSUER,
  audience: TOKEN_AUDIENCE,
  requiredClaims: [...REQUIRED_CLAIMS],
};

/** Each secret in turn: a token signed with the one before a rotation still verifies. */
async function verifyWithSecrets(
  jose: Jose,
  token: string,
  secrets: readonly Uint8Array[],
): Promise<JwtPayload> {
  if (secrets.length === 0)
    throw unauthenticated(
      "This gateway verifies tokens with the public keys of its JWKS_FILE, not with a shared secret (HS256).",
    );
  let mismatch: unknown;
  for (const secret of secrets) {
    try {
      return (await jose.jwtVerify(token, secret, { ...VERIFY_OPTIONS, algorithms: ["HS256"] })).payload;
    } catch (error) {
      if ((error as { code?: unknown }).code !== "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") throw error;
      mismatch = error;
    }
  }
  throw mismatch;
}

async function verifyWithPublicKeys(
  jose: Jose,
  token: string,
  keySet: KeySet | undefined,
): Promise<JwtPayload> {
  if (!keySet)
    throw unauthenticated(
      "This gateway verifies HS256 tokens only; set JWKS_FILE for tokens signed with public-key algorithms.",
    );
  return (await jose.jwtVerify(token, keySet, { ...VERIFY_OPTIONS, algorithms: PUBLIC_KEY_ALGORITHMS }))
    .payload;
}

/** The claims as a viewer: a subject and a name that are non-empty text, and one of the roles. */
function viewerFrom(payload: JwtPayload): Viewer {
  const { sub, name, role } = payload;
  if (typeof sub !== "string" || sub === "")
    throw unauthenticated('The token\'s "sub" claim must be an account id.');
  if (typeof name !== "string" || name.trim() === "")
    throw unauthenticated("The token's \"name\" claim must be the account's name.");
  if (!isRole(role))
    throw unauthenticated(`The token's "role" claim ${JSON.stringify(role)} is none of ${ROLES.join(", ")}.`);
  return { subject: sub, name, role };
}

/**
 * A token issued before its account's tokens were revoked is refused; a token without `iat` cannot
 * show it was issued after, so it is refused too once its account has been revoked.
 */
async function refuseRevoked(revocations: RevocationList, subject: string, iat: unknown): Promise<void> {
  const revokedAt = await revocations.revokedAt(subject);
  if (revokedAt === undefined) return;
  // tokens issued here carry milliseconds; whole seconds from elsewhere count from the second's start
  const issuedAt = typeof iat === "number" ? Math.round(iat * 1000) : Number.NEGATIVE_INFINITY;
  if (issuedAt < revokedAt)
    throw unauthenticated(
      `The token was revoked: the tokens of "${subject}" issued before ${new Date(revokedAt).toISOString()} ` +
        "are refused. Ask an admin for a new one.",
    );
}

/** jose's error as the answer's: what is wrong and, where it helps, what to do. */
function refusal(error: unknown): unknown {
  if (error instanceof HttpError) return error;
  const { code, message, claim, payload } = error as {
    code?: unknown;
    message?: string;
    claim?: string;
    payload?: { exp?: unknown };
  };
  if (typeof code !== "string" || !code.startsWith("ERR_J")) return error;
  switch (code) {
    case "ERR_JWT_EXPIRED": {
      const at = typeof payload?.exp === "number" ? ` at ${new Date(payload.exp * 1000).toISOString()}` : "";
      return unauthenticated(`The token expired${at}; sign in again with a new one.`);
    }
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return unauthenticated("The token's signature does not match any of this gateway's keys.");
    case "ERR_JWKS_NO_MATCHING_KEY":
      return unauthenticated("No key of this gateway's JWKS_FILE matches the token's key id and algorithm.");
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return unauthenticated("The token's signing algorithm is not one this gateway accepts.");
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      if (claim === "iss") return unauthenticated(`The token's "iss" claim must be "${TOKEN_ISSUER}".`);
      if (claim === "aud") return unauthenticated(`The token's "aud" claim must be "${TOKEN_AUDIENCE}".`);
      return unauthenticated(`The token's claims are refused: ${message}.`);
    default:
      return unauthenticated(`The token is not a well-formed JWT: ${message}.`);
  }
}
