// Issues HS256 tokens in the form the verifier accepts, for `npm run token` and the tests: the one
// place besides the verifier that knows the claims.
import { isRole, ROLES, type Role } from "@twingraph/kit/http";
import { loadJose } from "./jose";
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from "./verifier";

export interface TokenRequest {
  role: Role;
  /** shown as author and reviewer */
  name: string;
  /** the account id (`sub`); default: the name as a slug ("Ana Novak" → "ana-novak") */
  subject?: string;
  /** seconds from now, a span such as "30d" or "2h", or the moment it ends; default 30 days */
  expiresIn?: number | string | Date;
}

export const DEFAULT_TOKEN_LIFETIME = "30d";

export interface IssuedToken {
  token: string;
  subject: string;
  issuedAt: Date;
  expiresAt: Date;
}

export async function signToken(request: TokenRequest, secret: string): Promise<string> {
  return (await issueToken(request, secret)).token;
}

/** A token with the account and moments it carries, read back from its claims as jose wrote them. */
export async function issueToken(request: TokenRequest, secret: string): Promise<IssuedToken> {
  const { role, name } = request;
  if (!isRole(role))
    throw new Error(`The role must be one of ${ROLES.join(", ")}, not ${JSON.stringify(role)}.`);
  if (name.trim() === "") throw new Error("The name must not be empty.");
  const subject = request.subject ?? subjectFromName(name);
  if (subject === "") throw new Error("The subject must not be empty.");
  const { SignJWT, decodeJwt } = await loadJose();
  const token = await new SignJWT({ name, role })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(subject)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    // to the millisecond (a NumericDate may have a fraction): a token issued just after its account's
    // tokens were revoked must be told from one issued just before, within the same second
    .setIssuedAt(Date.now() / 1000)
    .setExpirationTime(expiry(request.expiresIn ?? DEFAULT_TOKEN_LIFETIME))
    .sign(new TextEncoder().encode(secret));
  const { iat, exp } = decodeJwt(token);
  return { token, subject, issuedAt: new Date(iat! * 1000), expiresAt: new Date(exp! * 1000) };
}

/** jose reads a number as a moment: seconds from now become one. */
function expiry(expiresIn: number | string | Date): string | Date {
  return typeof expiresIn === "number" ? new Date(Date.now() + expiresIn * 1000) : expiresIn;
}

/** "Ana Novak" → "ana-novak", "Živa Čeh" → "ziva-ceh": letters of any script kept, marks dropped. */
export function subjectFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}
