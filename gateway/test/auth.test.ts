// Accounts at the gateway: the token verifier (HS256 secrets with rotation, JWKS public keys, every
// way a token can be wrong), the keys from the environment and the default secret file, the bearer
// header, and the gateway over HTTP: a refused token is a 401 before the body is read and pays its
// address's rate limit, a good one's account reaches the subgraphs' context and pays from its own bucket.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { HttpError, type RunningServer, type Viewer } from "@twingraph/kit/http";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Jose, loadJose } from "../src/auth/jose";
import {
  defaultTokenSecretFile,
  ensureDefaultTokenSecret,
  signingSecretFromEnv,
  tokenKeysFromEnv,
} from "../src/auth/keys";
import { bearerToken } from "../src/auth/request";
import { signToken, subjectFromName } from "../src/auth/sign";
import { createTokenVerifier, type TokenVerifier } from "../src/auth/verifier";
import type { GatewayContext } from "../src/context";
import { RateLimiter } from "../src/rate-limit";
import { apiKeysFrom } from "../src/rate-limit-config";
import { startGateway } from "../src/server";
import { readSupergraph } from "../src/supergraph";

const SECRET = "a-test-secret-of-at-least-32-characters";
const OLD_SECRET = "the-secret-before-the-rotation-0123456789";
const ANA = { role: "editor", name: "Ana Novak", subject: "ana" } as const;
const ANA_VIEWER: Viewer = { subject: "ana", name: "Ana Novak", role: "editor" };

/** A JWT with exactly these claims and header, for the shapes signToken will not make. */
async function rawToken(
  claims: Record<string, unknown>,
  key: Parameters<InstanceType<Jose["SignJWT"]>["sign"]>[0] = new TextEncoder().encode(SECRET),
  header: { alg: string; kid?: string } = { alg: "HS256" },
): Promise<string> {
  const { SignJWT } = await loadJose();
  return new SignJWT(claims).setProtectedHeader(header).sign(key);
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const GOOD_CLAIMS = () => ({
  sub: "ana",
  name: "Ana Novak",
  role: "editor",
  iss: "twingraph",
  aud: "twingraph",
  exp: inAnHour(),
});

/** The refusal's message, after checking it is a 401 UNAUTHENTICATED. */
async function refusal(verifier: TokenVerifier, token: string): Promise<string> {
  const error = await verifier.verify(token).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(HttpError);
  expect(error).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
  return (error as HttpError).message;
}

describe("the token verifier with a secret", () => {
  const verifier = createTokenVerifier({ secrets: [SECRET] });

  it("finds the account of a token signed as `npm run token` signs it", async () => {
    expect(await verifier.verify(await signToken(ANA, SECRET))).toEqual(ANA_VIEWER);
    expect(await verifier.verify(await signToken({ role: "contributor", name: "Živa Čeh" }, SECRET))).toEqual(
      {
        subject: "ziva-ceh",
        name: "Živa Čeh",
        role: "contributor",
      },
    );
  });

  it("refuses an expired token, saying when it expired", async () => {
    const expired = await signToken({ ...ANA, expiresIn: new Date("2026-01-01T00:00:00Z") }, SECRET);
    expect(await refusal(verifier, expired)).toBe(
      "The token expired at 2026-01-01T00:00:00.000Z; sign in again with a new one.",
    );
  });

  it("refuses a token signed with another secret", async () => {
    expect(await refusal(verifier, await signToken(ANA, OLD_SECRET))).toMatch(/signature does not match/);
  });

  it("refuses another issuer or audience", async () => {
    expect(await refusal(verifier, await rawToken({ ...GOOD_CLAIMS(), iss: "elsewhere" }))).toBe(
      'The token\'s "iss" claim must be "twingraph".',
    );
    expect(await refusal(verifier, await rawToken({ ...GOOD_CLAIMS(), aud: "another-api" }))).toBe(
      'The token\'s "aud" claim must be "twingraph".',
    );
  });

  it("refuses a role that is none of the roles, and a token without a subject, name, role or expiry", async () => {
    expect(await refusal(verifier, await rawToken({ ...GOOD_CLAIMS(), role: "owner" }))).toBe(
      'The token\'s "role" claim "owner" is none of contributor, editor, admin.',
    );
    expect(await refusal(verifier, await rawToken({ ...GOOD_CLAIMS(), name: " " }))).toMatch(/"name" claim/);
    for (const claim of ["sub", "name", "role", "exp"]) {
      const { [claim]: _left, ...claims } = GOOD_CLAIMS() as Record<string, unknown>;
      expect(await refusal(verifier, await rawToken(claims))).toMatch(`"${claim}"`);
    }
  });

  it("refuses what is not a JWT, and an unsigned one", async () => {
    expect(await refusal(verifier, "not-a-token")).toMatch(/not a well-formed JWT/);
    expect(await refusal(verifier, "e30.e30.e30")).toMatch(/not signed/);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(
      JSON.stringify(GOOD_CLAIMS()),
    ).toString("base64url")}.`;
    expect(await refusal(verifier, unsigned)).toMatch(/not signed/);
    const publicKeyToken = `${Buffer.from('{"alg":"RS256"}').toString("base64url")}.e30.c2ln`;
    expect(await refusal(verifier, publicKeyToken)).toMatch(/HS256 tokens only/);
  });

  it("verifies tokens of the old secret after a rotation, and signs with the new one", async () => {
    const rotated = createTokenVerifier({ secrets: [SECRET, OLD_SECRET] });
    expect(await rotated.verify(await signToken(ANA, OLD_SECRET))).toEqual(ANA_VIEWER);
    expect(await rotated.verify(await signToken(ANA, SECRET))).toEqual(ANA_VIEWER);
    expect(await refusal(rotated, await signToken(ANA, "a-third-secret-nobody-configured-0123"))).toMatch(
      /signature/,
    );
  });

  it("refuses every token when it has no keys, saying how to configure them", async () => {
    const none = createTokenVerifier({ secrets: [] });
    expect(await refusal(none, await signToken(ANA, SECRET))).toMatch(/JWT_SECRET.*JWKS_FILE.*npm start/s);
  });
});

describe("the token verifier with public keys (JWKS_FILE)", () => {
  async function keyPair(alg: "RS256" | "ES256", kid: string) {
    const jose = await loadJose();
    const { privateKey, publicKey } = await jose.generateKeyPair(alg, { extractable: true });
    return { privateKey, jwk: { ...(await jose.exportJWK(publicKey)), kid, alg } };
  }

  it("verifies RS256 and ES256 tokens by their key id, and nothing the set does not hold", async () => {
    const rsa = await keyPair("RS256", "rsa-2026");
    const ec = await keyPair("ES256", "ec-2026");
    const stranger = await keyPair("ES256", "ec-2026");
    const verifier = createTokenVerifier({ secrets: [], jwks: { keys: [rsa.jwk, ec.jwk] } });
    expect(
      await verifier.verify(await rawToken(GOOD_CLAIMS(), rsa.privateKey, { alg: "RS256", kid: "rsa-2026" })),
    ).toEqual(ANA_VIEWER);
    expect(
      await verifier.verify(await rawToken(GOOD_CLAIMS(), ec.privateKey, { alg: "ES256", kid: "ec-2026" })),
    ).toEqual(ANA_VIEWER);
    expect(
      await refusal(
        verifier,
        await rawToken(GOOD_CLAIMS(), stranger.privateKey, { alg: "ES256", kid: "ec-2026" }),
      ),
    ).toMatch(/signature does not match/);
    expect(
      await refusal(
        verifier,
        await rawToken(GOOD_CLAIMS(), rsa.privateKey, { alg: "RS256", kid: "rsa-2025" }),
      ),
    ).toMatch(/No key of this gateway's JWKS_FILE/);
    expect(
      await refusal(
        verifier,
        await rawToken({ ...GOOD_CLAIMS(), exp: 1 }, ec.privateKey, { alg: "ES256", kid: "ec-2026" }),
      ),
    ).toMatch(/expired at 1970/);
    expect(await refusal(verifier, await signToken(ANA, SECRET))).toMatch(/not with a shared secret/);
  });
});

describe("the keys from the environment", () => {
  const directory = () => mkdtempSync(path.join(tmpdir(), "twingraph-keys-"));
  afterEach(() => vi.unstubAllEnvs());

  it("take JWT_SECRET, else each line of JWT_SECRET_FILE, and refuse a short secret", () => {
    expect(tokenKeysFromEnv({ JWT_SECRET: SECRET })).toEqual({ secrets: [SECRET], jwks: undefined });
    const file = path.join(directory(), "secrets");
    writeFileSync(file, `${SECRET}\n\n${OLD_SECRET}\n`);
    expect(tokenKeysFromEnv({ JWT_SECRET_FILE: file }).secrets).toEqual([SECRET, OLD_SECRET]);
    expect(() => tokenKeysFromEnv({ JWT_SECRET: "short" })).toThrow(/at least 32/);
    expect(() => tokenKeysFromEnv({ JWT_SECRET_FILE: path.join(directory(), "absent") })).toThrow(
      /JWT_SECRET_FILE cannot be read/,
    );
  });

  it("take a JWKS_FILE of public keys and refuse one holding a secret or private key", async () => {
    const jose = await loadJose();
    const { publicKey } = await jose.generateKeyPair("ES256", { extractable: true });
    const dir = directory();
    const write = (name: string, value: unknown) => {
      writeFileSync(path.join(dir, name), JSON.stringify(value));
      return path.join(dir, name);
    };
    const publicJwk = await jose.exportJWK(publicKey);
    expect(tokenKeysFromEnv({ JWKS_FILE: write("public.json", { keys: [publicJwk] }) })).toEqual({
      secrets: [],
      jwks: { keys: [publicJwk] },
    });
    expect(() =>
      tokenKeysFromEnv({ JWKS_FILE: write("private.json", { keys: [publicJwk, { kty: "EC", d: "x" }] }) }),
    ).toThrow(/Key 2 of JWKS_FILE .* is secret or private/);
    expect(() =>
      tokenKeysFromEnv({ JWKS_FILE: write("oct.json", { keys: [{ kty: "oct", k: "x" }] }) }),
    ).toThrow(/public keys only/);
    expect(() => tokenKeysFromEnv({ JWKS_FILE: write("empty.json", {}) })).toThrow(/JSON Web Key Set/);
  });

  it("read the default file in the data directory, which npm start and the token CLI make readable by its owner alone", () => {
    vi.stubEnv("TWINGRAPH_DATA_DIR", path.join(directory(), "nested"));
    expect(tokenKeysFromEnv({}).secrets).toEqual([]);
    const made = ensureDefaultTokenSecret({});
    expect(made).toBe(defaultTokenSecretFile());
    expect(statSync(made!).mode & 0o777).toBe(0o600);
    const [secret] = tokenKeysFromEnv({}).secrets;
    expect(secret).toBe(readFileSync(made!, "utf8").trim());
    expect(ensureDefaultTokenSecret({})).toBeUndefined();
    expect(signingSecretFromEnv({})).toEqual({ secret });
  });

  it("make no default file when keys are configured, and sign with JWT_SECRET; not with a JWKS_FILE", () => {
    vi.stubEnv("TWINGRAPH_DATA_DIR", directory());
    expect(ensureDefaultTokenSecret({ JWKS_FILE: "keys.json" })).toBeUndefined();
    expect(signingSecretFromEnv({ JWT_SECRET: SECRET })).toEqual({ secret: SECRET });
    expect(() => signingSecretFromEnv({ JWKS_FILE: "keys.json" })).toThrow(/identity provider/);
    expect(tokenKeysFromEnv({}).secrets).toEqual([]);
  });
});

describe("the Authorization header", () => {
  it("is anonymous when absent or empty, and a bearer token otherwise", () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken("")).toBeUndefined();
    expect(bearerToken("Bearer abc.def.ghi")).toBe("abc.def.ghi");
    expect(bearerToken("bearer abc.def.ghi ")).toBe("abc.def.ghi");
  });

  it("is refused in any other form", () => {
    for (const header of ["Basic YW5hOnNlY3JldA==", "Bearer", "Bearer a b", "abc.def.ghi"])
      expect(() => bearerToken(header)).toThrow(/must be "Bearer <token>"/);
  });

  it("derives a subject from a name", () => {
    expect(subjectFromName("Ana Novak")).toBe("ana-novak");
    expect(subjectFromName("  Jürgen  Groß-Weber ")).toBe("jurgen-groß-weber");
    expect(subjectFromName("Ана Новак")).toBe("ана-новак");
  });
});

describe("the gateway over HTTP", () => {
  let gateway: RunningServer | undefined;
  afterEach(() => gateway?.close());

  /** Subgraphs in process that answer nothing and record the context each fetch was made in. */
  function recordingSubgraphs(contexts: Partial<GatewayContext>[]) {
    const names = [...readSupergraph().matchAll(/@join__graph\(name: "(\w+)"/g)].map((match) => match[1]!);
    const recording = {
      // public for 300 s, as the subgraphs answer
      process: async (options: GraphQLDataSourceProcessOptions) => {
        contexts.push(options.context);
        if ("incomingRequestContext" in options)
          options.incomingRequestContext.overallCachePolicy.restrict({ maxAge: 300, scope: "PUBLIC" });
        return { data: null };
      },
    };
    return Object.fromEntries(names.map((name) => [name, recording]));
  }

  async function start(
    contexts: Partial<GatewayContext>[],
    limiter: RateLimiter | null = null,
  ): Promise<string> {
    gateway = await startGateway(
      0,
      {
        auth: createTokenVerifier({ secrets: [SECRET] }),
        rateLimiter: limiter,
        responseCache: false,
        dataVersion: { current: async () => null, close: async () => {} },
        dataSources: recordingSubgraphs(contexts),
      },
      "127.0.0.1",
    );
    return `http://127.0.0.1:${gateway.port}/graphql`;
  }

  const post = (url: string, body: string, token?: string) =>
    fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
  const CITY = JSON.stringify({ query: '{ city(id: "si-kranj") { name } }' });

  it("refuses a bad token with 401 UNAUTHENTICATED before the body is read", async () => {
    const url = await start([]);
    const refused = await post(url, "{ this is not JSON", await signToken(ANA, OLD_SECRET));
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect(await refused.json()).toEqual({
      errors: [
        {
          message: "The token's signature does not match any of this gateway's keys.",
          extensions: { code: "UNAUTHENTICATED" },
        },
      ],
    });
  });

  it("gives a good token's account to the subgraphs' context and keeps its answer out of shared caches", async () => {
    const contexts: Partial<GatewayContext>[] = [];
    const url = await start(contexts);
    const signedIn = await post(url, CITY, await signToken(ANA, SECRET));
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get("cache-control")).toBe("no-store");
    expect(contexts.at(-1)?.viewer).toEqual(ANA_VIEWER);
    const anonymous = await post(url, CITY);
    expect(anonymous.headers.get("cache-control")).toBe("max-age=300, public");
    expect(contexts.at(-1)?.viewer).toBeUndefined();
  });

  it("rate-limits an account by its subject, and a refused token by its address", async () => {
    const limiter = new RateLimiter({
      anonymous: { capacity: 2, refillPerSecond: 0.001 },
      keys: apiKeysFrom([], "test"),
      costPerToken: 1_000_000,
      maxMemoryBuckets: 100,
    });
    const url = await start([], limiter);
    const badToken = await signToken(ANA, OLD_SECRET);
    expect((await post(url, CITY, badToken)).status).toBe(401);
    expect((await post(url, CITY, badToken)).status).toBe(401);
    expect((await post(url, CITY, badToken)).status).toBe(429);
    expect((await post(url, CITY)).status).toBe(429);
    // the request's token and one for its cost: the account's two
    const token = await signToken(ANA, SECRET);
    expect((await post(url, CITY, token)).status).toBe(200);
    const refused = await post(url, CITY, token);
    expect(refused.status).toBe(429);
    expect((await refused.json()).errors[0].message).toMatch(/the account "ana"/);
  });
});
