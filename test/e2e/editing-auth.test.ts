// Accounts through the whole federation over HTTP: a token that cannot be trusted is refused with 401
// UNAUTHENTICATED before anything runs; a good one's query is answered through subgraphs that accept
// its signed account, and is neither served from nor kept in the response cache, which anonymous
// readers keep sharing. And `npm run token`, run as a process: the token alone on stdout, the secret
// file it makes, and its usage on a mistake.
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CACHE_STATUS_HEADER, createTokenVerifier } from "@twingraph/gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpFederation, httpFederation } from "../src/harness";
import { signTestToken, testAuth, testTokenSecret } from "../src/tokens";
import { spawnTypeScript } from "../src/typescript-process";

const ROOT = path.resolve(__dirname, "../..");

const QUERY = /* GraphQL */ `
  query Kranj($id: ID!) {
    city(id: $id) {
      name
      partnerships {
        cities {
          id
        }
      }
    }
  }
`;

describe("tokens at the gateway", () => {
  let federation: HttpFederation;

  beforeAll(async () => {
    federation = await httpFederation({ gateway: { auth: testAuth(), responseCache: true } });
  });
  afterAll(() => federation?.close());

  const ask = (id: string, token?: string) =>
    federation.post(
      { query: QUERY, variables: { id } },
      token === undefined ? {} : { authorization: `Bearer ${token}` },
    );

  it("refuses a token it cannot trust with 401 UNAUTHENTICATED, saying why", async () => {
    const refusals: [string, RegExp][] = [
      ["Bearer not-a-token", /not a well-formed JWT/],
      [
        `Bearer ${await signTestToken({ role: "editor", name: "Ana Novak" }, "a-secret-this-gateway-never-saw-0123")}`,
        /signature/,
      ],
      [
        `Bearer ${await signTestToken({ role: "editor", name: "Ana Novak", expiresIn: new Date("2026-01-01T00:00:00Z") })}`,
        /expired at 2026-01-01T00:00:00\.000Z/,
      ],
      ["Basic YW5hOnNlY3JldA==", /must be "Bearer <token>"/],
    ];
    for (const [authorization, message] of refusals) {
      const response = await federation.post(
        { query: QUERY, variables: { id: "si-kranj" } },
        { authorization },
      );
      expect(response.status, authorization).toBe(401);
      const body = (await response.json()) as { errors: { message: string; extensions: unknown }[] };
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]!.extensions).toEqual({ code: "UNAUTHENTICATED" });
      expect(body.errors[0]!.message).toMatch(message);
    }
  });

  it("answers a signed-in account through the subgraphs, never from the response cache nor into it", async () => {
    const token = await signTestToken({ role: "contributor", name: "Ana Novak" });
    const anonymous = await (await ask("si-kranj")).json();
    expect((await ask("si-kranj")).headers.get(CACHE_STATUS_HEADER)).toBe("hit");
    for (let i = 0; i < 2; i++) {
      const signedIn = await ask("si-kranj", token);
      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get(CACHE_STATUS_HEADER)).toBe("miss");
      expect(signedIn.headers.get("cache-control")).toBe("no-store");
      // no error: every subgraph accepted the account's signed headers
      expect(await signedIn.json()).toEqual(anonymous);
    }
    expect((await ask("at-villach", token)).headers.get(CACHE_STATUS_HEADER)).toBe("miss");
    const afterSignedIn = await ask("at-villach");
    expect(afterSignedIn.headers.get(CACHE_STATUS_HEADER)).toBe("miss");
    expect(afterSignedIn.headers.get("cache-control")).toBe("max-age=300, public");
  });

  it("answers a token from `npm run token` signed with the gateway's secret", async () => {
    const { stdout } = await tokenCli(
      ["--role", "editor", "--name", "Ana Novak", "--subject", "ana", "--days", "1"],
      {
        JWT_SECRET: testTokenSecret(),
      },
    );
    const response = await ask("si-kranj", stdout.trim());
    expect(response.status).toBe(200);
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
  });
});

describe("npm run token", () => {
  it("prints the token alone, signed with the secret it makes in the data directory for its owner alone", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "twingraph-token-"));
    const { stdout, stderr } = await tokenCli(["--role", "editor", "--name", "Ana Novak"], {
      TWINGRAPH_DATA_DIR: dataDir,
    });
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const secretFile = path.join(dataDir, "jwt-secret");
    expect(stderr).toContain(secretFile);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const verifier = createTokenVerifier({ secrets: [readFileSync(secretFile, "utf8").trim()] });
    expect(await verifier.verify(stdout.trim())).toEqual({
      subject: "ana-novak",
      name: "Ana Novak",
      role: "editor",
    });
  });

  it("refuses a role that is none of the roles, or no name, with its usage and no token", async () => {
    const env = { JWT_SECRET: testTokenSecret() };
    const [badRole, noName] = await Promise.all([
      tokenCli(["--role", "owner", "--name", "Ana Novak"], env, 1),
      tokenCli(["--role", "editor"], env, 1),
    ]);
    expect(badRole.stdout).toBe("");
    expect(badRole.stderr).toMatch(/--role must be one of contributor, editor, admin, not "owner"/);
    expect(badRole.stderr).toMatch(/usage: npm run token/);
    expect(noName.stdout).toBe("");
    expect(noName.stderr).toMatch(/--name is required[\s\S]*usage: npm run token/);
  });
});

/** The token CLI in a process of its own, from the sources, told only where its keys are. */
function tokenCli(
  args: string[],
  env: Record<string, string>,
  expectedCode = 0,
): Promise<{ stdout: string; stderr: string }> {
  const {
    JWT_SECRET: _secret,
    JWT_SECRET_FILE: _file,
    JWKS_FILE: _jwks,
    TWINGRAPH_DATA_DIR: _dir,
    ...rest
  } = process.env;
  const child = spawnTypeScript(path.join(ROOT, "tools/dev/src/token-cli.ts"), args, {
    env: { ...rest, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) =>
      code === expectedCode
        ? resolve({ stdout, stderr })
        : reject(new Error(`the token CLI exited with ${code}:\n${stdout}${stderr}`)),
    );
  });
}
