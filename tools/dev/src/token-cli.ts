// `npm run token -- --role editor --name "Ana Novak" [--subject ana] [--days 30]`: prints a sign-in
// token (an HS256 JWT) on standard output and nothing else, so `$(npm run -s token -- …)` captures
// it. Signed with JWT_SECRET, JWT_SECRET_FILE or .data/jwt-secret, which it makes when nothing is set.
import { parseArgs } from "node:util";
import { signingSecretFromEnv, signToken } from "@twingraph/gateway";
import { isRole, ROLES, type Role } from "@twingraph/kit/http";

const USAGE = `usage: npm run token -- --role <${ROLES.join("|")}> --name "<name>" [--subject <account id>] [--days 30]
  --role     contributor proposes changes; editor reviews and applies them; admin manages keys
  --name     the name shown as author and reviewer
  --subject  the account's stable id (default: the name as a slug, "Ana Novak" -> ana-novak)
  --days     how long the token is valid (default 30)`;

interface TokenArguments {
  role: Role;
  name: string;
  subject?: string;
  days: number;
}

function tokenArguments(): TokenArguments {
  const { values } = parseArgs({
    options: {
      role: { type: "string" },
      name: { type: "string" },
      subject: { type: "string" },
      days: { type: "string", default: "30" },
    },
  });
  const { role, name, subject, days } = values;
  if (!isRole(role))
    throw new Error(`--role must be one of ${ROLES.join(", ")}${role ? `, not "${role}"` : ""}.`);
  if (!name?.trim()) throw new Error("--name is required: the name shown as author and reviewer.");
  if (subject !== undefined && subject.trim() === "") throw new Error("--subject must not be empty.");
  const lifetime = Number(days);
  if (!Number.isInteger(lifetime) || lifetime <= 0)
    throw new Error(`--days must be a positive whole number, not "${days}".`);
  return { role, name: name.trim(), subject: subject?.trim(), days: lifetime };
}

async function main(): Promise<void> {
  let request: TokenArguments;
  try {
    request = tokenArguments();
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`);
  }
  const { secret, created } = signingSecretFromEnv();
  if (created) console.error(`Made ${created}, the secret the gateway verifies tokens with.`);
  const { days, ...claims } = request;
  const token = await signToken({ ...claims, expiresIn: `${days}d` }, secret);
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
