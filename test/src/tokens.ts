// Sign-in tokens for tests: one random HS256 secret per test process, tokens signed with it as
// `npm run token` signs them, and the gateway's `auth` option that verifies them. A gateway process
// a test starts verifies them when given JWT_SECRET: testTokenSecret().
import { randomBytes } from "node:crypto";
import { createTokenVerifier, signToken, type TokenRequest, type TokenVerifier } from "@twingraph/gateway";

let secret: string | undefined;

export function testTokenSecret(): string {
  secret ??= randomBytes(32).toString("base64url");
  return secret;
}

/** A token for the account; `expiresIn` as signToken takes it (seconds, "2h", or a Date, past for an expired one). */
export function signTestToken(request: TokenRequest, tokenSecret = testTokenSecret()): Promise<string> {
  return signToken(request, tokenSecret);
}

/** The gateway option (`gateway: { auth: testAuth() }`) that verifies tokens signed with the secret. */
export function testAuth(tokenSecret = testTokenSecret()): TokenVerifier {
  return createTokenVerifier({ secrets: [tokenSecret] });
}
