// The plan-direct ceiling: what a query costs when nothing stands between the client and the
// subgraphs but the query plan itself. It is built by recording, not by planning:
//
// 1. A recording proxy per subgraph forwards to the real subgraph and notes each GraphQL fetch (the
//    body exactly as sent, when it arrived, when its answer left). It holds every answer for
//    HOLD_MS, so that a fetch that waited for another's answer arrives at least HOLD_MS after it, while
//    fetches the plan runs in parallel arrive within a millisecond of each other.
// 2. A gateway of ours, its own process on the same built code and settings as the measured one, is
//    pointed at the proxies and asked each query once, alone.
// 3. The fetches become waves: a fetch arriving after another's answer left depends on it (its
//    entity representations come from that answer), so it goes in a later wave; the rest of a
//    wave is sent together. Replaying the recorded bodies is exact for these fixed queries: the
//    representations a later fetch carries are the ones the earlier answers give every time.
//
// A request of the ceiling is then one replay: each wave's fetches sent straight to the subgraphs at
// once (with the gateway secret), the next wave when all have answered. No query parsing, planning, merging or serialising of the
// answer: what is left is the subgraphs' work and the HTTP between.
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import path from "node:path";
import { GATEWAY_SECRET_HEADER } from "@twingraph/kit/http";
import { checkAnswer, type Load } from "./bench-load";
import { REPO_ROOT } from "./gateway-install";
import { LOOPBACK } from "./hostile/stack";
import { freePort } from "./ports";

/** Longer than any fetch's scheduling jitter at idle, short enough to record four queries in seconds. */
const HOLD_MS = 100;
const READY_TIMEOUT_MS = 90_000;

export interface RecordedFetch {
  subgraph: string;
  url: string;
  body: string;
  arrivedAt: number;
  answeredAt: number;
}

/** A query's fetches in the order the plan runs them: each wave after the one before, its fetches together. */
export type Waves = RecordedFetch[][];

export interface RecordingOptions {
  /** the subgraphs the fetches go to, by name */
  subgraphUrls: Record<string, string>;
  secret: string;
  /** the measured gateway's settings (NODE_ENV, data directory for its token keys, the cache off) */
  env: NodeJS.ProcessEnv;
}

/** The waves of fetches our gateway sends for each request body, asked one at a time. */
export async function recordPlans(options: RecordingOptions, bodies: readonly unknown[]): Promise<Waves[]> {
  const recorded: RecordedFetch[] = [];
  const proxies = await Promise.all(
    Object.entries(options.subgraphUrls).map(([name, url]) => recordingProxy(name, url, recorded)),
  );
  const gateway = await startGatewayProcess(
    options,
    Object.fromEntries(proxies.map((proxy) => [proxy.name, proxy.url])),
  );
  try {
    const plans: Waves[] = [];
    for (const body of bodies) {
      recorded.length = 0;
      const response = await fetch(gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      await checkAnswer("recording the plan", response);
      plans.push(waves(recorded));
    }
    return plans;
  } finally {
    await gateway.stop();
    await Promise.all(proxies.map((proxy) => proxy.close()));
  }
}

/** Wave n holds the fetches that arrived after an answer of wave n-1 had left. */
export function waves(fetches: readonly RecordedFetch[]): Waves {
  const waveOf = new Map<RecordedFetch, number>();
  const byArrival = [...fetches].sort((a, b) => a.arrivedAt - b.arrivedAt);
  for (const fetch of byArrival) {
    const after = byArrival.filter((earlier) => earlier.answeredAt <= fetch.arrivedAt);
    waveOf.set(fetch, Math.max(-1, ...after.map((earlier) => waveOf.get(earlier) ?? -1)) + 1);
  }
  const result: Waves = [];
  for (const [fetch, wave] of waveOf) {
    result[wave] ??= [];
    result[wave].push(fetch);
  }
  return result;
}

/**
 * Replays a query's waves against the subgraphs: one request of the load is the whole plan, every
 * fetch sent, as the ceiling was measured. With `shareInFlight`, a fetch identical to one
 * still in flight from another client shares its answer, as our gateway and Hive Gateway do by
 * default; with no work between requests, the clients then run in lock-step and share nearly every
 * fetch, so that ceiling is far above what any gateway reaches.
 */
export function planDirectLoad(name: string, plan: Waves, secret: string, shareInFlight = false): Load {
  const headers = { "content-type": "application/json", [GATEWAY_SECRET_HEADER]: secret };
  const inFlight = new Map<string, Promise<void>>();
  const send = (url: string, body: string) =>
    fetch(url, { method: "POST", headers, body }).then((response) => checkAnswer(name, response));
  const shared = (url: string, body: string): Promise<void> => {
    const key = `${url}\n${body}`;
    let pending = inFlight.get(key);
    if (!pending) {
      pending = send(url, body).finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  };
  const fetchOf = shareInFlight ? shared : send;
  return {
    name,
    async send() {
      for (const wave of plan) await Promise.all(wave.map(({ url, body }) => fetchOf(url, body)));
    },
  };
}

interface RecordingProxy {
  name: string;
  url: string;
  close(): Promise<void>;
}

async function recordingProxy(
  name: string,
  target: string,
  recorded: RecordedFetch[],
): Promise<RecordingProxy> {
  const { origin, pathname } = new URL(target);
  const server: Server = createServer((request, response) => {
    void (async () => {
      const arrivedAt = performance.now();
      const isFetch = request.method === "POST" && request.url?.split("?")[0] === pathname;
      const body = await readBody(request);
      const upstream = await fetch(new URL(request.url ?? "/", origin), {
        method: request.method,
        headers: forwardedHeaders(request),
        body: request.method === "GET" || request.method === "HEAD" ? undefined : body,
      });
      const answer = await upstream.text();
      if (isFetch) await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
      response.writeHead(upstream.status, {
        "content-type": upstream.headers.get("content-type") ?? "application/json",
      });
      response.end(answer);
      if (isFetch)
        recorded.push({ subgraph: name, url: target, body, arrivedAt, answeredAt: performance.now() });
    })().catch((error: unknown) => {
      response.writeHead(502).end(String(error));
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, LOOPBACK, resolve));
  return {
    name,
    url: `http://${LOOPBACK}:${port}${pathname}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The gateway's headers but those of the hop (and its compression, which fetch would undo here anyway). */
function forwardedHeaders(request: IncomingMessage): Record<string, string> {
  const hopHeaders = new Set(["host", "connection", "content-length", "accept-encoding", "keep-alive"]);
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.headers))
    if (!hopHeaders.has(key) && typeof value === "string") headers[key] = value;
  return headers;
}

/** One of our gateways as a process of its own, before the subgraphs at `subgraphUrls`. */
export async function startGatewayProcess(
  options: RecordingOptions,
  subgraphUrls: Record<string, string>,
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    GATEWAY_PORT: String(port),
    GATEWAY_SECRET: options.secret,
    HOST: LOOPBACK,
  };
  for (const [name, url] of Object.entries(subgraphUrls)) env[`${name.toUpperCase()}_URL`] = url;
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "gateway/dist/main.js")], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the gateway was not ready:\n${output}`)),
      READY_TIMEOUT_MS,
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("gateway ready at")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited with code ${code}:\n${output}`));
    });
  });
  return {
    url: `http://${LOOPBACK}:${port}/graphql`,
    pid: child.pid as number,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
