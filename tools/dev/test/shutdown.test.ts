// A real subgraph process (the cities subgraph's main, from its sources) drains on SIGTERM: it stops
// taking connections, answers /ready 503 on the connection still open, finishes the request under
// way and exits 0 — what `npm start`'s Ctrl-C and an orchestrator's rolling restart rely on.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../../..");
const TYPESCRIPT_HOOK = path.join(ROOT, "test/src/typescript-hook.cjs");
const SECRET = "shutdown-test-secret";

let dataDir: string;
let child: ChildProcess;
let output = "";
let port: number;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The cities subgraph's main from its sources, as vitest runs them: no build needed. */
function spawnCities(env: NodeJS.ProcessEnv): ChildProcess {
  const main = path.join(ROOT, "services/cities/src/main.ts");
  return spawn(process.execPath, ["--conditions=source", "--require", TYPESCRIPT_HOOK, main], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

function connects(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "twin-shutdown-"));
  port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TWINGRAPH_DATA_DIR: dataDir,
    CITIES_PORT: String(port),
    GATEWAY_SECRET: SECRET,
    LOG_LEVEL: "info",
    SHUTDOWN_GRACE_MS: "20000",
  };
  delete env.DATABASE_URL;
  child = spawnCities(env);
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", () => {
      if (output.includes("cities subgraph ready at")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the cities subgraph exited with ${code}:\n${output}`)));
  });
});

afterAll(() => {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("a subgraph process without the gateway secret", () => {
  it("refuses to start, saying how to set one", { timeout: 60_000 }, async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, TWINGRAPH_DATA_DIR: dataDir, CITIES_PORT: "0" };
    delete env.GATEWAY_SECRET;
    delete env.GATEWAY_SECRET_FILE;
    const refused = spawnCities(env);
    let said = "";
    refused.stderr?.on("data", (chunk: Buffer) => {
      said += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => refused.once("exit", resolve));
    expect(code).toBe(1);
    expect(said).toMatch(/The cities subgraph could not start: .*Set GATEWAY_SECRET/);
  });
});

describe("a subgraph process on SIGTERM", () => {
  it("finishes the request under way, refuses new connections, says not ready, and exits 0", {
    timeout: 60_000,
  }, async () => {
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => {
      received += chunk.toString();
    });
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    const body = JSON.stringify({ query: "{ __typename }" });
    const half = Math.floor(body.length / 2);
    socket.write(
      "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" +
        `Content-Length: ${body.length}\r\nx-twingraph-gateway-secret: ${SECRET}\r\nExpect: 100-continue\r\n\r\n` +
        body.slice(0, half),
    );
    // the subgraph took the request and waits for the rest of its body
    await until(() => received.includes("100 Continue"));

    child.kill("SIGTERM");
    await until(() => output.includes("draining"));
    expect(await connects()).toBe(false);

    socket.write(`${body.slice(half)}GET /ready HTTP/1.1\r\nHost: x\r\n\r\n`);
    await closed;
    const answers = received.split(/(?=HTTP\/1.1 [2-5])/);
    expect(answers[1]).toMatch(/^HTTP\/1.1 200 [\s\S]*"__typename":"Query"/);
    expect(answers[2]).toMatch(/^HTTP\/1.1 503 [\s\S]*"NOT_READY"/);
    expect(await exited).toBe(0);
    expect(output).toMatch(/"path":"\/graphql","status":200/);
    expect(output).toMatch(/"msg":"stopped"/);
  });
});
