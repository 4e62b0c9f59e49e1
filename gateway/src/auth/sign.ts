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

export async function signToken(request: TokenRequest, secret: string): Promise<string> {
  const { role, name } = request;
  if (!isRole(role))
    throw new Error(`The role must be one of ${ROLES.join(", ")}, not ${JSON.stringify(role)}.`);
  if (name.trim() === "") throw new Error("The name must not be empty.");
  const subject = request.subject ?? subjectFromName(name);
  if (subject === "") throw new Error("The subject must not be empty.");
  const { SignJWT } = await loadJose();
  return new SignJWT({ name, role })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(subject)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiry(request.expiresIn ?? DEFAULT_TOKEN_LIFETIME))
    .sign(new TextEncoder().encode(secret));
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
