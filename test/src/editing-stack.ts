// The stack for the editing interruption test and benchmark: data seeded like `npm start` does, then
// every subgraph of the manifest (changes, the coordinator, among them) and the gateway as processes
// of their own, the built entry points as deployed, on free loopback ports, sharing a random
// GATEWAY_SECRET. Unlike hostile/stack.ts, every part is told every subgraph's URL (the coordinator
// calls the data subgraphs' change routes), the gateway verifies the test tokens (tokens.ts), and a
// part restarts with settings of its own for that start (a fault to inject, or none). SQLite files in
// a temporary directory, or the schemas of a PostgreSQL database when one is given.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { readSubgraphManifest } from "@twingraph/kit/manifest";
import { isAlive } from "./hostile/proc";
import { LOOPBACK, STACK_ROOT } from "./hostile/stack";
import { freePort } from "./ports";
import { testTokenSecret } from "./tokens";

const resolveBuilt = createRequire(path.join(STACK_ROOT, "package.json")).resolve;
/** A bound for a machine under load, not a speed claim. */
const READY_TIMEOUT_MS = 90_000;
/** How long a drained stop may take before the process is killed. */
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_KEPT_CHARS = 1_000_000;

/** Settings of the test runner or the developer's shell that must not reach the stack under test. */
const INHERITED_SETTINGS_DROPPED = [
  "NODE_ENV",
  "DATABASE_URL",
  "REDIS_URL",
  "SAFELIST",
  "CORS_ORIGINS",
  "PERSISTED_OPERATIONS",
  "TRUST_PROXY",
  "SUPERGRAPH_FILE",
  "HOST",
  "JWT_SECRET",
  "JWT_SECRET_FILE",
  "JWKS_FILE",
  "TWINGRAPH_FAULT",
  "CHANGES_RECOVERY_MS",
];

export interface EditingStackOptions {
  /** postgres://… of a database the stack may take over; default SQLite files in the data directory */
  databaseUrl?: string;
  /** more settings for every part, e.g. CHANGES_RECOVERY_MS, LOG_LEVEL, RATE_LIMIT */
  env?: Record<string, string>;
  /** node options for a part by its name, such as ["--cpu-prof", "--cpu-prof-dir=…"] */
  nodeOptions?: (part: string) => string[];
}

/** One process of the stack. */
export interface EditingPart {
  /** "gateway", or the subgraph's name */
  name: string;
  port: number;
  alive(): boolean;
  /** everything the current and earlier processes printed, the latest 1 MB */
  output(): string;
  /** the current process's exit code, or its signal's name, once it has ended */
  exited(): Promise<number | string>;
  /** SIGKILL, as a crash would, and waits until it is gone */
  kill(): Promise<void>;
  /** SIGTERM: drains and exits (a CPU profile is written then) */
  stop(): Promise<void>;
  /** starts it on its port with `env` added for this start only, and waits until it is ready */
  start(env?: Record<string, string>): Promise<void>;
}

export interface Answer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface EditingStack {
  gatewayUrl: string;
  gateway: EditingPart;
  /** by name, in manifest order */
  subgraphs: Record<string, EditingPart>;
  dataDir: string;
  /** the settings every part shares: the database, the data directory, the URLs, the secrets */
  env: NodeJS.ProcessEnv;
  /** a GraphQL request through the gateway, as the account of `token` when given */
  ask(query: string, variables?: Record<string, unknown>, token?: string): Promise<Answer>;
  stop(): Promise<void>;
}

export async function startEditingStack(options: EditingStackOptions = {}): Promise<EditingStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "twin-editing-"));
  const manifest = readSubgraphManifest();
  const ports: Record<string, number> = { gateway: await freePort() };
  for (const { name } of manifest) ports[name] = await freePort();
  const env = stackEnvironment(dataDir, ports, options);
  const parts: EditingPart[] = [];
  try {
    await seed(env);
    const subgraphs: Record<string, EditingPart> = {};
    for (const { name, package: packageName } of manifest) {
      subgraphs[name] = editingPart(name, ports[name]!, resolveBuilt(`${packageName}/main`), env, options);
      parts.push(subgraphs[name]);
    }
    await Promise.all(parts.map((part) => part.start()));
    const gateway = editingPart(
      "gateway",
      ports.gateway!,
      resolveBuilt("@twingraph/gateway/main"),
      env,
      options,
    );
    parts.push(gateway);
    await gateway.start();
    const gatewayUrl = `http://${LOOPBACK}:${gateway.port}/graphql`;
    return {
      gatewayUrl,
      gateway,
      subgraphs,
      dataDir,
      env,
      ask: (query, variables, token) => askGraphql(gatewayUrl, query, variables, token),
      stop: () => stopAll(parts, dataDir),
    };
  } catch (error) {
    await Promise.all(parts.map((part) => part.kill()));
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

function stackEnvironment(
  dataDir: string,
  ports: Record<string, number>,
  options: EditingStackOptions,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of INHERITED_SETTINGS_DROPPED) delete env[name];
  for (const [name, port] of Object.entries(ports)) {
    env[`${name.toUpperCase()}_PORT`] = String(port);
    if (name !== "gateway") env[`${name.toUpperCase()}_URL`] = `http://${LOOPBACK}:${port}/graphql`;
  }
  return {
    ...env,
    TWINGRAPH_DATA_DIR: dataDir,
    TWINGRAPH_WORLD_FILE: "",
    // the background whole-network measures would take a core from what is tested or measured
    TWINGRAPH_WARM_NETWORK: "0",
    // the changes subgraph's gazetteer index for ingestNews (seconds at start); news tests turn it on
    TWINGRAPH_WARM_GAZETTEER: "0",
    GATEWAY_SECRET: randomBytes(32).toString("hex"),
    JWT_SECRET: testTokenSecret(),
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  };
}

/** The seed as `npm start` runs it first, from the sources alone (no world file). */
async function seed(env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, [path.join(STACK_ROOT, "seed/dist/cli.js")], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`The seed exited with ${code}:\n${output}`);
}

function editingPart(
  name: string,
  port: number,
  main: string,
  env: NodeJS.ProcessEnv,
  options: EditingStackOptions,
): EditingPart {
  let child: ChildProcess | undefined;
  let ended: Promise<number | string> = Promise.resolve("not started");
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > OUTPUT_KEPT_CHARS) output = output.slice(-OUTPUT_KEPT_CHARS / 2);
  };
  const running = () => child !== undefined && child.exitCode === null && child.signalCode === null;
  const signal = async (name: NodeJS.Signals) => {
    if (!running()) return;
    child?.kill(name);
    await ended;
  };
  return {
    name,
    port,
    alive: () => running() && child?.pid !== undefined && isAlive(child.pid),
    output: () => output,
    exited: () => ended,
    kill: () => signal("SIGKILL"),
    async stop() {
      const timer = setTimeout(() => child?.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await signal("SIGTERM");
      clearTimeout(timer);
    },
    async start(extra = {}) {
      if (running()) throw new Error(`The ${name} process is running already.`);
      const started = spawn(process.execPath, [...(options.nodeOptions?.(name) ?? []), main], {
        env: { ...env, ...extra },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = started;
      ended = new Promise((resolve) =>
        started.once("exit", (code, killedBy) => resolve(code ?? killedBy ?? "unknown")),
      );
      // a test process that dies without stopping its stack must not leave the parts running
      const orphaned = () => started.kill("SIGKILL");
      process.once("exit", orphaned);
      started.once("exit", () => process.off("exit", orphaned));
      started.stdout?.on("data", keep);
      started.stderr?.on("data", keep);
      await untilReady(name, port, started, () => output);
    },
  };
}

async function untilReady(
  name: string,
  port: number,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const printedFrom = output().length;
  const ready =
    name === "gateway"
      ? async () => /gateway ready at /.test(output().slice(printedFrom))
      : async () => {
          try {
            return (await fetch(`http://${LOOPBACK}:${port}/health`)).ok;
          } catch {
            return false; // not listening yet
          }
        };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await ready()) return;
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`The ${name} process stopped before it was ready:\n${output().slice(printedFrom)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The ${name} process was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
}

async function stopAll(parts: readonly EditingPart[], dataDir: string): Promise<void> {
  await Promise.all(parts.map((part) => part.stop()));
  rmSync(dataDir, { recursive: true, force: true });
}

/** A request that could not be sent or answered counts as an answer with status 0 and the error. */
async function askGraphql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<Answer> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<Answer, "status">;
    return { status: response.status, ...body };
  } catch (error) {
    return { status: 0, errors: [{ message: String(error) }] };
  }
}
