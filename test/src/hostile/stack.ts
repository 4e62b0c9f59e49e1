// The stack as `npm start` runs it, for the hostile tests and benchmark: a temporary data directory
// seeded from the sources, each subgraph of the manifest and then the gateway as a process of its
// own (the built entry points, as deployed), on free loopback ports, sharing a random GATEWAY_SECRET.
// NODE_ENV is unset unless asked for: development mode is the harder case for leaks. Unlike `npm
// start`, nothing restarts a part that stops: a test stops, pauses and restarts parts itself, and a
// part that died must show as dead. TWINGRAPH_STACK_ROOT names another built checkout to run instead
// of this one, such as the parent commit's, to show that a regression test fails there.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { readSubgraphManifest } from "@twingraph/kit/manifest";
import { freePort } from "../ports";
import { isAlive } from "./proc";

/** the checkout whose built parts run */
export const STACK_ROOT = path.resolve(process.env.TWINGRAPH_STACK_ROOT || path.join(__dirname, "../../.."));
const resolveBuilt = createRequire(path.join(STACK_ROOT, "package.json")).resolve;
/** A bound for a machine under load, not a speed claim. */
const READY_TIMEOUT_MS = 90_000;
/** Each part's output is kept for messages and log checks, up to this much of its latest. */
const OUTPUT_KEPT_CHARS = 4_000_000;
export const LOOPBACK = "127.0.0.1";

/** The header the gateway sends its shared secret in; subgraphs refuse other requests. */
export const SECRET_HEADER = "x-twingraph-gateway-secret";

export interface StackOptions {
  /** NODE_ENV=production: introspection and suggestions off */
  production?: boolean;
  /** more settings for every part, e.g. SAFELIST, REQUEST_TIMEOUT_MS, MAX_CONNECTIONS, SUBGRAPH_TIMEOUT_MS */
  env?: Record<string, string>;
}

/** One process of the stack. */
export interface StackPart {
  /** "gateway", or the subgraph's name */
  name: string;
  port: number;
  /** the current process's pid (a restart changes it) */
  readonly pid: number;
  alive(): boolean;
  /** everything it printed (stdout and stderr, interleaved), the latest 4 MB */
  output(): string;
  /** SIGKILL, as a crash would, and waits until it is gone */
  kill(): Promise<void>;
  /** starts it again on its port and waits until it is ready */
  start(): Promise<void>;
}

export interface HostileStack {
  gatewayUrl: string;
  gateway: StackPart;
  /** by name, in manifest order */
  subgraphs: Record<string, StackPart>;
  parts: StackPart[];
  dataDir: string;
  secret: string;
  stop(): Promise<void>;
}

export async function startHostileStack(options: StackOptions = {}): Promise<HostileStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "twin-hostile-"));
  const secret = randomBytes(32).toString("hex");
  const env = partEnvironment(dataDir, secret, options);
  const started: StackPart[] = [];
  try {
    await seed(env);
    const manifest = readSubgraphManifest();
    const subgraphs: Record<string, StackPart> = {};
    for (const entry of manifest) {
      const port = await freePort();
      const part = stackPart({
        name: entry.name,
        port,
        main: resolveBuilt(`${entry.package}/main`),
        env: { ...env, [`${entry.name.toUpperCase()}_PORT`]: String(port) },
        ready: (child, output) => untilHealthy(port, child, output),
      });
      subgraphs[entry.name] = part;
      started.push(part);
    }
    await Promise.all(started.map((part) => part.start()));
    const gatewayPort = await freePort();
    const urls = Object.fromEntries(
      Object.values(subgraphs).map((part) => [
        `${part.name.toUpperCase()}_URL`,
        `http://${LOOPBACK}:${part.port}/graphql`,
      ]),
    );
    const gateway = stackPart({
      name: "gateway",
      port: gatewayPort,
      main: resolveBuilt("@twingraph/gateway/main"),
      env: { ...env, ...urls, GATEWAY_PORT: String(gatewayPort) },
      ready: (child, output) => untilPrinted(/gateway ready at /, child, output),
    });
    started.push(gateway);
    await gateway.start();
    return {
      gatewayUrl: `http://${LOOPBACK}:${gatewayPort}/graphql`,
      gateway,
      subgraphs,
      parts: started,
      dataDir,
      secret,
      stop: () => stopAll(started, dataDir),
    };
  } catch (error) {
    await stopAll(started, dataDir);
    throw error;
  }
}

function partEnvironment(dataDir: string, secret: string, options: StackOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // what the test runner or the developer's shell set must not change the stack under test
  for (const name of [
    "NODE_ENV",
    "DATABASE_URL",
    "REDIS_URL",
    "SAFELIST",
    "CORS_ORIGINS",
    "PERSISTED_OPERATIONS",
    "TRUST_PROXY",
    "SUPERGRAPH_FILE",
    "HOST",
  ])
    delete env[name];
  return {
    ...env,
    TWINGRAPH_DATA_DIR: dataDir,
    TWINGRAPH_WORLD_FILE: "",
    GATEWAY_SECRET: secret,
    ...(options.production ? { NODE_ENV: "production" } : {}),
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

interface PartSpec {
  name: string;
  port: number;
  main: string;
  env: NodeJS.ProcessEnv;
  ready(child: ChildProcess, output: () => string): Promise<void>;
}

function stackPart(spec: PartSpec): StackPart {
  let child: ChildProcess | undefined;
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > OUTPUT_KEPT_CHARS) output = output.slice(-OUTPUT_KEPT_CHARS / 2);
  };
  return {
    name: spec.name,
    port: spec.port,
    get pid() {
      if (child?.pid === undefined) throw new Error(`The ${spec.name} process is not started.`);
      return child.pid;
    },
    alive: () =>
      child?.pid !== undefined && child.exitCode === null && child.signalCode === null && isAlive(child.pid),
    output: () => output,
    async kill() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
    },
    async start() {
      child = spawn(process.execPath, [spec.main], { env: spec.env, stdio: ["ignore", "pipe", "pipe"] });
      const started = child;
      // a test process that dies without stopping its stack must not leave the parts running
      const orphaned = () => started.kill("SIGKILL");
      process.once("exit", orphaned);
      started.once("exit", () => process.off("exit", orphaned));
      child.stdout?.on("data", keep);
      child.stderr?.on("data", keep);
      await spec.ready(child, () => output);
    },
  };
}

async function stopAll(parts: readonly StackPart[], dataDir: string): Promise<void> {
  await Promise.all(parts.map((part) => part.kill()));
  rmSync(dataDir, { recursive: true, force: true });
}

async function untilHealthy(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const healthy = async () => {
    try {
      return (await fetch(`http://${LOOPBACK}:${port}/health`)).ok;
    } catch {
      return false; // not listening yet
    }
  };
  await until(child, healthy, output);
}

async function untilPrinted(line: RegExp, child: ChildProcess, output: () => string): Promise<void> {
  await until(child, async () => line.test(output()), output);
}

async function until(
  child: ChildProcess,
  ready: () => Promise<boolean>,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await ready()) return;
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${child.spawnfile} ${child.spawnargs.slice(1).join(" ")} stopped:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
}
