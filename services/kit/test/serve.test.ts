// The HTTP front every server shares, over real sockets: one coded JSON error shape, body limits,
// deadlines for slow clients, the connection cap, request ids, the access log, metrics, readiness
// and the drain.
import { afterEach, describe, expect, it, vi } from "vitest";
import { corsPolicy } from "../src/cors";
import { logger } from "../src/logger";
import { jsonDepth } from "../src/request-body";
import { HttpError, type RunningServer } from "../src/serve";
import {
  bodyOf,
  codeOf,
  type ErrorAnswer,
  gate,
  openSocket,
  postJson,
  rawExchange,
  startTestServer,
  until,
} from "./http-client";

const running: RunningServer[] = [];

async function start(...args: Parameters<typeof startTestServer>) {
  const server = await startTestServer(...args);
  running.push(server);
  return server;
}

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(running.splice(0).map((server) => server.close()));
});

function nested(depth: number): string {
  return `${"[".repeat(depth)}${"]".repeat(depth)}`;
}

describe("one JSON error shape with a code", () => {
  it("answers an unknown path 404 NOT_FOUND", async () => {
    const { base } = await start();
    const response = await fetch(`${base}/nowhere`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await codeOf(response)).toBe("NOT_FOUND");
  });

  it("refuses a preflight from an origin off the list with 403 FORBIDDEN, saying how to allow it", async () => {
    const { base } = await start({ cors: corsPolicy(["https://portal.example"]) });
    const response = await fetch(`${base}/graphql`, {
      method: "OPTIONS",
      headers: { origin: "https://elsewhere.example", "access-control-request-method": "POST" },
    });
    expect(response.status).toBe(403);
    const body = (await response.json()) as ErrorAnswer;
    expect(body.errors[0]?.extensions.code).toBe("FORBIDDEN");
    expect(body.errors[0]?.message).toMatch(/https:\/\/elsewhere.example may not call.*CORS_ORIGINS/);
  });

  it("answers what a route throws with its status, code and headers, and anything else as a bare 500", async () => {
    const { base } = await start({
      routes: {
        "/refuses": () => {
          throw new HttpError(405, "METHOD_NOT_ALLOWED", "Read with GET.", { allow: "GET, HEAD" });
        },
        "/breaks": () => {
          throw new Error("secret internals at /srv/app/db.ts");
        },
      },
    });
    const refused = await fetch(`${base}/refuses`, { method: "POST" });
    expect(refused.status).toBe(405);
    expect(refused.headers.get("allow")).toBe("GET, HEAD");
    expect(await codeOf(refused)).toBe("METHOD_NOT_ALLOWED");
    const broken = await fetch(`${base}/breaks`);
    expect(broken.status).toBe(500);
    const text = await broken.text();
    expect(JSON.parse(text).errors[0].extensions.code).toBe("INTERNAL_SERVER_ERROR");
    expect(text).not.toMatch(/internals|\/srv/);
  });

  it.each(["PUT", "PATCH", "DELETE", "TRACE", "PROPFIND", "HEAD", "OPTIONS"])(
    "answers %s on the GraphQL paths 405 METHOD_NOT_ALLOWED with the methods allowed",
    async (method) => {
      const { port } = await start();
      for (const path of ["/graphql", "/"]) {
        // a body is declared but never sent: the refusal must not wait for it
        const raw = await rawExchange(
          port,
          `${method} ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\nConnection: close\r\n\r\n`,
        );
        expect(raw).toMatch(/^HTTP\/1.1 405 /);
        expect(raw).toMatch(/\r\nallow: GET, POST\r\n/i);
        // a HEAD answer has no body, by HTTP's rules
        if (method !== "HEAD") expect(bodyOf(raw).errors[0]?.extensions.code).toBe("METHOD_NOT_ALLOWED");
      }
    },
  );

  it("answers malformed HTTP 400 BAD_REQUEST in JSON, and oversized headers 431", async () => {
    const { port } = await start();
    const raw = await rawExchange(port, "GET /graphql HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
    expect(raw).toMatch(/^HTTP\/1.1 400 /);
    expect(bodyOf(raw).errors[0]?.extensions.code).toBe("BAD_REQUEST");
    const huge = await rawExchange(
      port,
      `GET /graphql HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    );
    expect(huge).toMatch(/^HTTP\/1.1 431 /);
    expect(bodyOf(huge).errors[0]?.extensions.code).toBe("BAD_REQUEST");
  });
});

describe("request bodies", () => {
  it("refuses invalid UTF-8 with 400 BAD_REQUEST", async () => {
    const { base } = await start();
    const body = Buffer.concat([
      Buffer.from('{"query":"{ hello }","variables":{"a":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}}'),
    ]);
    const response = await postJson(base, body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorAnswer).errors[0]?.message).toMatch(/UTF-8/);
  });

  it("refuses variables nested 5,000 arrays deep with 400 BAD_REQUEST, and answers 60 levels", async () => {
    const { base } = await start();
    const deep = await postJson(base, `{"query":"{ hello }","variables":{"v":${nested(5_000)}}}`);
    expect(deep.status).toBe(400);
    const body = (await deep.json()) as ErrorAnswer;
    expect(body.errors[0]?.extensions.code).toBe("BAD_REQUEST");
    expect(body.errors[0]?.message).toMatch(/more than 64 levels deep/);
    const fine = await postJson(base, `{"query":"{ hello }","variables":{"v":${nested(60)}}}`);
    expect(fine.status).toBe(200);
    expect(await fine.json()).toEqual({ data: { hello: "world" } });
  });

  it("refuses the same depth in a GET's variables", async () => {
    const { base } = await start();
    const response = await fetch(
      `${base}/graphql?query=${encodeURIComponent("{ hello }")}&variables=${encodeURIComponent(`{"v":${nested(500)}}`)}`,
    );
    expect(response.status).toBe(400);
    expect(await codeOf(response)).toBe("BAD_REQUEST");
  });

  it("refuses a body over the limit with 413 PAYLOAD_TOO_LARGE, declared or not", async () => {
    const { base, port } = await start({ limits: { maxBodyBytes: 1_000 } });
    const response = await postJson(base, JSON.stringify({ query: `{ hello } # ${"x".repeat(2_000)}` }));
    expect(response.status).toBe(413);
    expect(await codeOf(response)).toBe("PAYLOAD_TOO_LARGE");
    const raw = await rawExchange(
      port,
      "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\nConnection: close\r\n\r\n{",
    );
    expect(raw).toMatch(/^HTTP\/1.1 413 /);
  });

  it("counts nesting without recursion", () => {
    expect(jsonDepth(JSON.parse(nested(100_000)))).toBe(100_000);
    expect(jsonDepth({ a: [1, { b: null }], c: "x" })).toBe(3);
    expect(jsonDepth("text")).toBe(0);
  });
});

describe("slow and idle clients", () => {
  it("cuts a body declared but never sent with 408 REQUEST_TIMEOUT and closes the connection", async () => {
    const { port } = await start({ limits: { headersTimeoutMs: 100, requestTimeoutMs: 200 } });
    const raw = await rawExchange(
      port,
      "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
    );
    expect(raw).toMatch(/^HTTP\/1.1 408 /);
    expect(bodyOf(raw).errors[0]?.extensions.code).toBe("REQUEST_TIMEOUT");
  });

  it("gives the server's own work no deadline: an answer slower than the request deadline arrives", async () => {
    const server = await start({ limits: { headersTimeoutMs: 100, requestTimeoutMs: 200 } });
    const answer = postJson(server.base, JSON.stringify({ query: "{ slow }" }));
    await server.slow.started;
    await new Promise((resolve) => setTimeout(resolve, 600));
    server.slow.open();
    expect(await (await answer).json()).toEqual({ data: { slow: "done" } });
  });

  it("cuts headers that never end with 408", async () => {
    const { port } = await start({ limits: { headersTimeoutMs: 100, requestTimeoutMs: 200 } });
    const raw = await rawExchange(port, "GET /graphql HTTP/1.1\r\nHost: x\r\n");
    expect(raw).toMatch(/^HTTP\/1.1 408 /);
  });

  it("closes a connection that sends nothing, with 408", async () => {
    const { port } = await start({ limits: { headersTimeoutMs: 100, requestTimeoutMs: 200 } });
    const { closed, received } = await openSocket(port);
    await closed;
    expect(received()).toMatch(/^HTTP\/1.1 408 /);
  });

  it("keeps no more than MAX_CONNECTIONS of 1,000 idle sockets open", { timeout: 30_000 }, async () => {
    const cap = 20;
    const { base, port } = await start({ limits: { maxConnections: cap, headersTimeoutMs: 60_000 } });
    const sockets = await Promise.all(Array.from({ length: 1_000 }, () => openSocket(port)));
    let closedCount = 0;
    for (const { closed } of sockets)
      void closed.then(() => {
        closedCount++;
      });
    await until(() => closedCount >= sockets.length - cap);
    expect(sockets.length - closedCount).toBeLessThanOrEqual(cap);
    for (const { socket } of sockets) socket.destroy();
    await until(() => closedCount === sockets.length);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const dropped = /twingraph_http_connections_dropped_total\{service="graphql"\} (\d+)/.exec(metrics)?.[1];
    expect(Number(dropped)).toBeGreaterThanOrEqual(sockets.length - cap);
  });

  it("logs an upload the client gave up on once, without a stack trace, and answers no 500", async () => {
    const info = vi.spyOn(logger, "info");
    const error = vi.spyOn(logger, "error");
    const { port } = await start();
    const { socket, received, closed } = await openSocket(port);
    // the server's "100 Continue" says it took the request and waits for its body
    socket.write(
      "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nExpect: 100-continue\r\n\r\n",
    );
    await until(() => received().startsWith("HTTP/1.1 100 Continue"));
    socket.write("{");
    socket.destroy();
    await closed;
    await until(() => info.mock.calls.some(([fields]) => (fields as { path?: string }).path === "/graphql"));
    const lines = info.mock.calls.filter(([fields]) => (fields as { path?: string }).path === "/graphql");
    expect(lines).toHaveLength(1);
    expect(lines[0]?.[0]).toMatchObject({ status: 499, code: "CLIENT_CLOSED_REQUEST" });
    expect(JSON.stringify(lines[0])).not.toMatch(/stack|at .*\.ts/);
    expect(error).not.toHaveBeenCalled();
  });
});

describe("request ids, the access log and metrics", () => {
  it("keeps a caller's id, makes one otherwise, and hands the same id to the request's later readers", async () => {
    const seen: (string | string[] | undefined)[] = [];
    const { base } = await start({
      context: async (request) => {
        seen.push(request.headers["x-request-id"]);
        return {};
      },
    });
    const given = await postJson(base, JSON.stringify({ query: "{ hello }" }), { "x-request-id": "abc-123" });
    expect(given.headers.get("x-request-id")).toBe("abc-123");
    const made = await postJson(base, JSON.stringify({ query: "{ hello }" }), {
      "x-request-id": "no spaces <allowed>",
    });
    const id = made.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen).toEqual(["abc-123", id]);
  });

  it("logs one line per request with its method, path, status, duration, id and code", async () => {
    const info = vi.spyOn(logger, "info");
    const { base } = await start({ service: "logged" });
    await fetch(`${base}/missing`, { headers: { "x-request-id": "log-1" } });
    await until(() => info.mock.calls.length > 0);
    expect(info).toHaveBeenCalledTimes(1);
    expect(info.mock.calls[0]?.[0]).toMatchObject({
      service: "logged",
      requestId: "log-1",
      method: "GET",
      path: "/missing",
      status: 404,
      code: "NOT_FOUND",
      durationMs: expect.any(Number),
    });
  });

  it("counts requests by route, method, status and code at /metrics, unknown paths as one route", async () => {
    const { base } = await start({ service: "counted" });
    await postJson(base, JSON.stringify({ query: "{ hello }" }));
    await fetch(`${base}/a-path-nobody-knows`);
    await postJson(base, "{ not json");
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    const line = (labels: string) => new RegExp(`twingraph_http_requests_total\\{${labels}\\} 1`);
    expect(text).toMatch(line('service="counted",route="/graphql",method="POST",status="200",code=""'));
    expect(text).toMatch(line('service="counted",route="other",method="GET",status="404",code="NOT_FOUND"'));
    expect(text).toMatch(
      line('service="counted",route="/graphql",method="POST",status="400",code="BAD_REQUEST"'),
    );
    expect(text).toMatch(
      /twingraph_http_request_duration_seconds_count\{service="counted",route="\/graphql",method="POST"\} 2/,
    );
    expect(text).not.toMatch(/a-path-nobody-knows/);
    expect(text).toMatch(/process_cpu_seconds_total/);
  });
});

describe("health, readiness and the drain", () => {
  it("answers /health while serving and /ready as the ready check says, 503 NOT_READY otherwise", async () => {
    let ready = false;
    const { base } = await start({ ready: async () => ready });
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const notReady = await fetch(`${base}/ready`);
    expect(notReady.status).toBe(503);
    expect(await codeOf(notReady)).toBe("NOT_READY");
    ready = true;
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });

  it("counts a ready check that fails as not ready", async () => {
    const { base } = await start({
      ready: async () => {
        throw new Error("database away");
      },
    });
    expect((await fetch(`${base}/ready`)).status).toBe(503);
  });

  it("lets answers under way finish, refuses new connections, and answers /ready 503 meanwhile", async () => {
    const readyCheck = gate();
    const server = await start({
      ready: async () => {
        await readyCheck.wait();
        return true;
      },
    });
    const answer = postJson(server.base, JSON.stringify({ query: "{ slow }" }));
    const readiness = fetch(`${server.base}/ready`);
    await Promise.all([server.slow.started, readyCheck.started]);
    const drained = server.drain(10_000);
    await expect(fetch(`${server.base}/health`)).rejects.toThrow();
    readyCheck.open();
    server.slow.open();
    const ready = await readiness;
    expect(ready.status).toBe(503);
    expect(await codeOf(ready)).toBe("NOT_READY");
    expect(await (await answer).json()).toEqual({ data: { slow: "done" } });
    await drained;
  });

  it("cuts answers still under way when the grace is over", async () => {
    const server = await start();
    const answer = postJson(server.base, JSON.stringify({ query: "{ slow }" }));
    await server.slow.started;
    await server.drain(50);
    await expect(answer).rejects.toThrow();
    server.slow.open();
  });

  it("aborts the context's signal when the client leaves before its answer", async () => {
    const signals: AbortSignal[] = [];
    const server = await start({
      context: async (_request, signal) => {
        signals.push(signal);
        return {};
      },
    });
    const leaving = new AbortController();
    const answer = postJson(server.base, JSON.stringify({ query: "{ slow }" }), {});
    const abandoned = fetch(`${server.base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ slow }" }),
      signal: leaving.signal,
    });
    await server.slow.started;
    await until(() => signals.length === 2);
    leaving.abort();
    await expect(abandoned).rejects.toThrow();
    await until(() => signals.some((signal) => signal.aborted));
    server.slow.open();
    expect((await answer).status).toBe(200);
    expect(signals.filter((signal) => signal.aborted)).toHaveLength(1);
  });
});
