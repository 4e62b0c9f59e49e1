// The admin role over HTTP: an admin issues a token the gateway then accepts, revokes an account's
// tokens (refused from then on, while one issued afterwards works), and lists the revocations; every
// other account is refused, each action is logged and counted. Tokens cannot be issued by a gateway
// that holds public keys alone. The revocations outlive a restart in their file, and in Redis every
// gateway on it sees them.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { HttpError, logger, openRedis, type RunningServer, type Viewer } from "@twingraph/kit/http";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { loadJose } from "../src/auth/jose";
import { memoryRevocationList, type RevocationList } from "../src/auth/revocations";
import { fileRevocationList } from "../src/auth/revocations-file";
import { FIRST_READ_WAIT_MS, redisRevocationList } from "../src/auth/revocations-redis";
import { signToken } from "../src/auth/sign";
import { createTokenVerifier, type TokenVerifier } from "../src/auth/verifier";
import type { GatewayContext } from "../src/context";
import { startGateway } from "../src/server";
import { readSupergraph } from "../src/supergraph";

const SECRET = "a-test-secret-of-at-least-32-characters";
const ADMIN = { role: "admin", name: "Test Admin", subject: "test-admin" } as const;
const redisUrl = process.env.TEST_REDIS_URL;

/** Subgraphs in process that answer nothing and record the account each fetch was made for. */
function recordingSubgraphs(viewers: (Viewer | undefined)[]) {
  const names = [...readSupergraph().matchAll(/@join__graph\(name: "(\w+)"/g)].map((match) => match[1]!);
  const recording = {
    process: async (options: GraphQLDataSourceProcessOptions) => {
      viewers.push((options.context as Partial<GatewayContext>).viewer);
      return { data: null };
    },
  };
  return Object.fromEntries(names.map((name) => [name, recording]));
}

const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((gateway) => gateway.close()));
  vi.restoreAllMocks();
});

/** A gateway on its own port verifying with `auth`; its base URL and the accounts its subgraphs saw. */
async function gatewayWith(auth: TokenVerifier) {
  const viewers: (Viewer | undefined)[] = [];
  const gateway = await startGateway(
    0,
    {
      auth,
      rateLimiter: null,
      responseCache: false,
      dataVersion: { current: async () => null, close: async () => {} },
      dataSources: recordingSubgraphs(viewers),
    },
    "127.0.0.1",
  );
  running.push(gateway);
  return { base: `http://127.0.0.1:${gateway.port}`, viewers };
}

function request(base: string, route: string, token?: string, body?: unknown) {
  return fetch(`${base}${route}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

const CITY = { query: '{ city(id: "si-kranj") { name } }' };

async function issue(base: string, adminToken: string, body: Record<string, unknown>) {
  const response = await request(base, "/admin/tokens", adminToken, body);
  expect(response.status).toBe(201);
  return (await response.json()) as { token: string; subject: string; expiresAt: string };
}

/** The error an answer carries, after checking its status and code. */
async function refusedWith(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  const { errors } = (await response.json()) as {
    errors: { message: string; extensions: { code: string } }[];
  };
  expect(errors[0]!.extensions.code).toBe(code);
  return errors[0]!.message;
}

/** The count of one action and outcome in the gateway's /metrics. */
async function actionCount(base: string, action: string, outcome: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text
    .split("\n")
    .find((entry) =>
      entry.startsWith(`twingraph_admin_actions_total{action="${action}",outcome="${outcome}"}`),
    );
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe("issuing tokens", () => {
  it("gives the account a token the gateway accepts, for the days asked, never cached", async () => {
    const { base, viewers } = await gatewayWith(createTokenVerifier({ secrets: [SECRET] }));
    const response = await request(base, "/admin/tokens", await signToken(ADMIN, SECRET), {
      role: "editor",
      name: "Ana Novak",
      days: 7,
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const issued = (await response.json()) as { token: string; subject: string; expiresAt: string };
    expect(issued.subject).toBe("ana-novak");
    expect(Math.abs(Date.parse(issued.expiresAt) - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);
    const { payload } = await (await loadJose()).jwtVerify(issued.token, new TextEncoder().encode(SECRET));
    expect(payload.exp).toBe(Date.parse(issued.expiresAt) / 1000);
    expect(payload.iat).toEqual(expect.any(Number));
    expect((await request(base, "/graphql", issued.token, CITY)).status).toBe(200);
    expect(viewers.at(-1)).toEqual({ subject: "ana-novak", name: "Ana Novak", role: "editor" });
  });

  it("takes a subject, and refuses a role, name, subject or days out of bounds and unknown fields", async () => {
    const { base } = await gatewayWith(createTokenVerifier({ secrets: [SECRET] }));
    const admin = await signToken(ADMIN, SECRET);
    expect(
      (await issue(base, admin, { role: "contributor", name: "Živa Čeh", subject: "ziva" })).subject,
    ).toBe("ziva");
    const refusals: [unknown, RegExp][] = [
      [{ role: "owner", name: "Ana Novak" }, /"role" must be one of contributor, editor, admin/],
      [{ name: "Ana Novak" }, /"role"/],
      [{ role: "editor" }, /"name" must be text/],
      [{ role: "editor", name: "  " }, /"name" must not be empty/],
      [{ role: "editor", name: "A".repeat(201) }, /"name" must have at most 200 characters/],
      [{ role: "editor", name: "Ana Novak", subject: "" }, /"subject" must not be empty/],
      [{ role: "editor", name: "!!!" }, /makes no account id: give a "subject"/],
      [{ role: "editor", name: "Ana Novak", days: 0 }, /"days" must be a whole number from 1 to 365/],
      [{ role: "editor", name: "Ana Novak", days: 366 }, /"days"/],
      [{ role: "editor", name: "Ana Novak", days: 1.5 }, /"days"/],
      [{ role: "editor", name: "Ana Novak", days: "30" }, /"days"/],
      [{ role: "editor", name: "Ana Novak", day: 7 }, /Unknown field "day"/],
      ["{ not json", /must be a JSON object/],
      [["editor"], /must be a JSON object/],
    ];
    for (const [body, message] of refusals)
      expect(
        await refusedWith(await request(base, "/admin/tokens", admin, body), 400, "BAD_REQUEST"),
      ).toMatch(message);
    expect(
      await refusedWith(
        await request(base, "/admin/tokens", admin, { role: "editor", name: "x".repeat(9000) }),
        413,
        "PAYLOAD_TOO_LARGE",
      ),
    ).toMatch(/at most 8192 bytes/);
    expect(await refusedWith(await request(base, "/admin/tokens", admin), 405, "METHOD_NOT_ALLOWED")).toMatch(
      /use POST/,
    );
  });

  it("is refused by a gateway that verifies with the public keys of a JWKS_FILE alone", async () => {
    const jose = await loadJose();
    const { privateKey, publicKey } = await jose.generateKeyPair("ES256", { extractable: true });
    const jwk = { ...(await jose.exportJWK(publicKey)), kid: "idp-2026", alg: "ES256" };
    const { base } = await gatewayWith(createTokenVerifier({ secrets: [], jwks: { keys: [jwk] } }));
    const admin = await new jose.SignJWT({ name: ADMIN.name, role: "admin" })
      .setProtectedHeader({ alg: "ES256", kid: "idp-2026" })
      .setSubject(ADMIN.subject)
      .setIssuer("twingraph")
      .setAudience("twingraph")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(privateKey);
    const message = await refusedWith(
      await request(base, "/admin/tokens", admin, { role: "editor", name: "Ana Novak" }),
      409,
      "NO_SIGNING_KEY",
    );
    expect(message).toMatch(/JWKS_FILE.*identity provider.*JWT_SECRET/s);
    // revoking needs no key of its own
    const revoked = await request(base, "/admin/revocations", admin, { subject: "ana", reason: "left" });
    expect(revoked.status).toBe(201);
  });
});

describe("who may use the admin routes", () => {
  it("refuses anonymous requests with 401 and every role but admin with 403, logging and counting each", async () => {
    const { base } = await gatewayWith(createTokenVerifier({ secrets: [SECRET] }));
    const warn = vi.spyOn(logger, "warn");
    const forbiddenBefore = await actionCount(base, "revoke", "FORBIDDEN");
    const body = { subject: "ana", reason: "left the office" };
    const anonymous = await request(base, "/admin/revocations", undefined, body);
    expect(anonymous.headers.get("www-authenticate")).toBe('Bearer realm="twingraph"');
    expect(await refusedWith(anonymous, 401, "UNAUTHENTICATED")).toMatch(/Sign in to revoke tokens/);
    for (const role of ["contributor", "editor"] as const) {
      const token = await signToken({ role, name: "Ana Novak", subject: "ana" }, SECRET);
      const forbidden = await request(base, "/admin/revocations", token, body);
      expect(await refusedWith(forbidden, 403, "FORBIDDEN")).toBe(
        `Only an account with the admin role may revoke tokens; yours is ${role}.`,
      );
      expect(
        await refusedWith(
          await request(base, "/admin/tokens", token, { role: "admin", name: "Ana" }),
          403,
          "FORBIDDEN",
        ),
      ).toMatch(/may issue tokens/);
      await refusedWith(await request(base, "/admin/revocations", token), 403, "FORBIDDEN");
    }
    expect(await actionCount(base, "revoke", "FORBIDDEN")).toBe(forbiddenBefore + 2);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ action: "revoke", account: "ana", role: "editor", code: "FORBIDDEN" }),
      "admin: revoke refused",
    );
    // the account was refused: nothing was revoked
    const list = await request(base, "/admin/revocations", await signToken(ADMIN, SECRET));
    expect(await list.json()).toEqual({ revocations: [] });
  });
});

describe("revoking an account's tokens", () => {
  it("refuses the tokens issued before, accepts one issued after, and lists it; logged and counted", async () => {
    const { base } = await gatewayWith(createTokenVerifier({ secrets: [SECRET] }));
    const admin = await signToken(ADMIN, SECRET);
    const info = vi.spyOn(logger, "info");
    const doneBefore = await actionCount(base, "revoke", "done");
    const before = await issue(base, admin, { role: "editor", name: "Ana Novak", subject: "ana" });
    const fromTheCli = await signToken({ role: "editor", name: "Ana Novak", subject: "ana" }, SECRET);
    const otherAccount = await issue(base, admin, { role: "editor", name: "Marko Horvat" });
    expect((await request(base, "/graphql", before.token, CITY)).status).toBe(200);

    const revoked = await request(base, "/admin/revocations", admin, {
      subject: "ana",
      reason: "left the international-relations office",
    });
    expect(revoked.status).toBe(201);
    const revocation = await revoked.json();
    expect(revocation).toEqual({
      subject: "ana",
      revokedAt: expect.any(String),
      reason: "left the international-relations office",
      revokedBy: "test-admin",
    });
    for (const token of [before.token, fromTheCli])
      expect(await refusedWith(await request(base, "/graphql", token, CITY), 401, "UNAUTHENTICATED")).toBe(
        `The token was revoked: the tokens of "ana" issued before ${revocation.revokedAt} are refused. ` +
          "Ask an admin for a new one.",
      );
    expect((await request(base, "/graphql", otherAccount.token, CITY)).status).toBe(200);
    const after = await issue(base, admin, { role: "editor", name: "Ana Novak", subject: "ana" });
    expect((await request(base, "/graphql", after.token, CITY)).status).toBe(200);

    const listed = await request(base, "/admin/revocations", admin);
    expect(listed.headers.get("cache-control")).toBe("no-store");
    expect(await listed.json()).toEqual({ revocations: [revocation] });
    expect(await actionCount(base, "revoke", "done")).toBe(doneBefore + 1);
    expect(info).toHaveBeenCalledWith(
      expect.objectContaining({ action: "revoke", admin: "test-admin", subject: "ana" }),
      "admin: revoke",
    );
    expect(info).toHaveBeenCalledWith(
      expect.objectContaining({ action: "issue_token", admin: "test-admin", subject: "ana", role: "editor" }),
      "admin: issue_token",
    );
    // the token itself is never logged
    expect(JSON.stringify(info.mock.calls)).not.toContain(after.token);
  });

  it("refuses a revoked account's token that carries no issue time, and one of whole seconds from that second", async () => {
    const revocations = memoryRevocationList();
    const verifier = createTokenVerifier({ secrets: [SECRET] }, revocations);
    const jose = await loadJose();
    const raw = (iat?: number) => {
      const jwt = new jose.SignJWT({ name: "Ana Novak", role: "editor" })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject("ana")
        .setIssuer("twingraph")
        .setAudience("twingraph")
        .setExpirationTime("1h");
      return (iat === undefined ? jwt : jwt.setIssuedAt(iat)).sign(new TextEncoder().encode(SECRET));
    };
    const noIssueTime = await raw();
    expect((await verifier.verify(noIssueTime)).subject).toBe("ana");
    // half a second into a second a minute ago
    const second = Math.floor(Date.now() / 1000) - 60;
    const revokedAt = new Date(second * 1000 + 500).toISOString();
    await revocations.revoke({ subject: "ana", revokedAt, reason: "test", revokedBy: "x" });
    await expect(verifier.verify(noIssueTime)).rejects.toMatchObject({ status: 401, message: /revoked/ });
    await expect(verifier.verify(await raw(second))).rejects.toBeInstanceOf(HttpError);
    expect((await verifier.verify(await raw(second + 1))).subject).toBe("ana");
  });

  it("refuses a subject or reason that is missing, empty or too long", async () => {
    const { base } = await gatewayWith(createTokenVerifier({ secrets: [SECRET] }));
    const admin = await signToken(ADMIN, SECRET);
    const refusals: [unknown, RegExp][] = [
      [{ reason: "left" }, /"subject" must be text/],
      [{ subject: " ", reason: "left" }, /"subject" must not be empty/],
      [{ subject: "s".repeat(201), reason: "left" }, /"subject" must have at most 200/],
      [{ subject: "ana" }, /"reason" must be text/],
      [{ subject: "ana", reason: "" }, /"reason" must not be empty/],
      [{ subject: "ana", reason: "r".repeat(1001) }, /"reason" must have at most 1000/],
      [{ subject: "ana", reason: "left", until: "2027-01-01" }, /Unknown field "until"/],
    ];
    for (const [body, message] of refusals)
      expect(
        await refusedWith(await request(base, "/admin/revocations", admin, body), 400, "BAD_REQUEST"),
      ).toMatch(message);
  });
});

describe("revocations in a file", () => {
  const directory = () => mkdtempSync(path.join(tmpdir(), "twingraph-revocations-"));
  const lists: RevocationList[] = [];
  afterEach(async () => {
    await Promise.all(lists.splice(0).map((list) => list.close()));
  });
  const opened = (file: string) => {
    const list = fileRevocationList(file);
    lists.push(list);
    return list;
  };

  it("outlive a restart of the gateway, written whole and leaving no temporary file", async () => {
    const dir = directory();
    const file = path.join(dir, "nested", "revocations.json");
    const { base } = await gatewayWith(createTokenVerifier({ secrets: [SECRET] }, opened(file)));
    const admin = await signToken(ADMIN, SECRET);
    const before = await issue(base, admin, { role: "editor", name: "Ana Novak", subject: "ana" });
    expect(
      (await request(base, "/admin/revocations", admin, { subject: "ana", reason: "key leaked" })).status,
    ).toBe(201);
    await Promise.all(running.splice(0).map((gateway) => gateway.close()));
    await lists.splice(0)[0]!.close();

    expect(readdirSync(path.dirname(file))).toEqual(["revocations.json"]);
    expect(JSON.parse(readFileSync(file, "utf8")).revocations).toMatchObject([
      { subject: "ana", reason: "key leaked", revokedBy: "test-admin" },
    ]);
    const restarted = createTokenVerifier({ secrets: [SECRET] }, opened(file));
    await expect(restarted.verify(before.token)).rejects.toMatchObject({ status: 401, message: /revoked/ });
    const after = await signToken({ role: "editor", name: "Ana Novak", subject: "ana" }, SECRET);
    expect(await restarted.verify(after)).toEqual({ subject: "ana", name: "Ana Novak", role: "editor" });
  });

  it("are read again when another gateway on the same data directory revokes", async () => {
    const file = path.join(directory(), "revocations.json");
    const one = opened(file);
    const two = opened(file);
    await one.revoke({
      subject: "ana",
      revokedAt: "2026-11-20T09:00:00.000Z",
      reason: "left",
      revokedBy: "x",
    });
    await two.revoke({
      subject: "marko",
      revokedAt: "2026-11-20T10:00:00.000Z",
      reason: "left",
      revokedBy: "x",
    });
    await vi.waitFor(async () => expect(await one.revokedAt("marko")).toEqual(expect.any(Number)), {
      timeout: 5_000,
      interval: 100,
    });
    // the second revocation kept the first, which it read before writing
    expect((await two.list()).map((revocation) => revocation.subject)).toEqual(["marko", "ana"]);
  });

  it("stop the start when the file cannot be read, rather than let revoked tokens in", () => {
    const file = path.join(directory(), "revocations.json");
    writeFileSync(file, "{ half a list");
    expect(() => fileRevocationList(file)).toThrow(/revocations file .* is not JSON/);
    writeFileSync(file, JSON.stringify({ revocations: [{ subject: "ana" }] }));
    expect(() => fileRevocationList(file)).toThrow(/Revocation 1 of .* must have a subject/);
  });
});

describe.skipIf(!redisUrl)(
  redisUrl ? "revocations in Redis" : "revocations in Redis: skipped, TEST_REDIS_URL is not set",
  () => {
    const lists: RevocationList[] = [];
    /** subjects no earlier run used, removed after */
    const subjects: string[] = [];
    const freshSubject = () => {
      const subject = `test-${randomBytes(6).toString("hex")}`;
      subjects.push(subject);
      return subject;
    };
    afterAll(async () => {
      await Promise.all(lists.map((list) => list.close()));
      const redis = openRedis(redisUrl!);
      if (subjects.length > 0) await redis.hdel("revocations", ...subjects);
      redis.disconnect();
    });
    const opened = () => {
      const list = redisRevocationList(redisUrl!);
      lists.push(list);
      return list;
    };

    it("are seen by every gateway on the Redis at once, and by one started later", async () => {
      const one = createTokenVerifier({ secrets: [SECRET] }, opened());
      const two = createTokenVerifier({ secrets: [SECRET] }, opened());
      const { base } = await gatewayWith(one);
      const subject = freshSubject();
      const before = await signToken({ role: "editor", name: "Ana Novak", subject }, SECRET);
      expect((await two.verify(before)).subject).toBe(subject);
      const admin = await signToken(ADMIN, SECRET);
      expect((await request(base, "/admin/revocations", admin, { subject, reason: "left" })).status).toBe(
        201,
      );
      await expect(one.verify(before)).rejects.toMatchObject({ status: 401, message: /revoked/ });
      await vi.waitFor(() => expect(two.verify(before)).rejects.toMatchObject({ message: /revoked/ }), {
        timeout: 2_000,
        interval: 20,
      });
      const after = await issue(base, admin, { role: "editor", name: "Ana Novak", subject });
      expect((await two.verify(after.token)).subject).toBe(subject);

      const later = createTokenVerifier({ secrets: [SECRET] }, opened());
      await expect(later.verify(before)).rejects.toMatchObject({ status: 401, message: /revoked/ });
      expect(
        (await later.revocations.list()).find((revocation) => revocation.subject === subject),
      ).toMatchObject({ reason: "left", revokedBy: "test-admin" });
    });
  },
);

describe("revocations in a Redis that does not answer", () => {
  it("refuse tokens (503) until Redis was read once, rather than let revoked ones in; anonymous reads go on", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    // nothing listens on port 1
    const revocations = redisRevocationList("redis://127.0.0.1:1");
    try {
      const { base } = await gatewayWith(createTokenVerifier({ secrets: [SECRET] }, revocations));
      const started = Date.now();
      const token = await signToken({ role: "editor", name: "Ana Novak", subject: "ana" }, SECRET);
      const refused = await request(base, "/graphql", token, CITY);
      expect(Date.now() - started).toBeGreaterThanOrEqual(FIRST_READ_WAIT_MS - 100);
      expect(refused.headers.get("retry-after")).toBe("1");
      expect(await refusedWith(refused, 503, "SERVICE_UNAVAILABLE")).toMatch(
        /revoked tokens cannot be read .*Redis has not answered/,
      );
      expect((await request(base, "/graphql", undefined, CITY)).status).toBe(200);
    } finally {
      await revocations.close();
    }
  });
});
