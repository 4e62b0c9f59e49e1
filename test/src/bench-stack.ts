// The whole stack as `npm start` runs it (its built tools/dev/dist/start.js: seeding, the subgraph
// processes and the gateway, supervised), for the benchmark: from this checkout or another built one
// (the parent commit's, for the before figures), in a temporary data directory, its ports shifted by
// an offset so that it runs beside a developer's `npm start` and beside the other stacks of the run.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { readSubgraphManifest } from "@twingraph/kit/manifest";

export interface BenchStackOptions {
  /** the built checkout whose stack runs */
  root: string;
  portOffset: number;
  dataDir: string;
  /** variables on top of the benchmark's own (no rate limit, warn logs, no background measures) */
  settings?: NodeJS.ProcessEnv;
}

export interface BenchStack {
  gatewayUrl: string;
  /** each subgraph's GraphQL URL, by name */
  subgraphUrls: Record<string, string>;
  startedInMs: number;
  /** what the stack printed so far */
  output(): string;
  /** the gateway's process, as `npm start` last reported it (a restart reports the new one) */
  gatewayPid(): number;
  /** a subgraph's process, as `npm start` last reported it */
  subgraphPid(name: string): number;
  /** every subgraph's process */
  subgraphPids(): number[];
  stop(): Promise<void>;
}

const READY_LINE = "twingraph is ready";
const START_ATTEMPTS = 3;

export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const { root, portOffset, dataDir } = options;
  const manifest = readSubgraphManifest(path.join(root, "schema", "subgraphs.json"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TWINGRAPH_DATA_DIR: dataDir,
    // the background whole-network measures would take a core from the load being measured
    TWINGRAPH_WARM_NETWORK: "0",
    TWINGRAPH_WARM_GAZETTEER: "0",
    // the load comes from one address; the rate limit would measure itself (the attack keeps it)
    RATE_LIMIT: "0",
    // a log line per request, kept in memory here, would weigh on the bench rather than the gateway
    LOG_LEVEL: "warn",
    ...options.settings,
    GATEWAY_PORT: String(4000 + portOffset),
  };
  const subgraphUrls: Record<string, string> = {};
  for (const { name, port } of manifest) {
    subgraphUrls[name] = `http://127.0.0.1:${port + portOffset}/graphql`;
    env[`${name.toUpperCase()}_PORT`] = String(port + portOffset);
    env[`${name.toUpperCase()}_URL`] = subgraphUrls[name];
  }
  const { child, startedInMs, output } = await startUntilReady(root, env);
  const pidOf = (label: string) => latestPid(output(), label);
  return {
    gatewayUrl: `http://localhost:${4000 + portOffset}/graphql`,
    subgraphUrls,
    startedInMs,
    output,
    gatewayPid: () => pidOf("the gateway"),
    subgraphPid: (name) => pidOf(`the ${name} subgraph`),
    subgraphPids: () => manifest.map(({ name }) => pidOf(`the ${name} subgraph`)),
    stop: () => stopStack(child),
  };
}

export async function withBenchStack<T>(
  options: BenchStackOptions,
  work: (stack: BenchStack) => Promise<T>,
): Promise<T> {
  const stack = await startBenchStack(options);
  try {
    return await work(stack);
  } finally {
    await stack.stop();
  }
}

/**
 * `npm start` gives up on a part that is not ready within a minute, which a machine shared by many
 * loads sometimes takes: such a start is tried again, saying so, before the benchmark gives up.
 */
async function startUntilReady(
  root: string,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; startedInMs: number; output: () => string }> {
  for (let attempt = 1; ; attempt++) {
    const started = Date.now();
    const child = spawn(process.execPath, [path.join(root, "tools/dev/dist/start.js")], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    const ready = await new Promise<boolean>((resolve) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(READY_LINE)) resolve(true);
      });
      child.once("exit", () => resolve(false));
    });
    if (ready) return { child, startedInMs: Date.now() - started, output: () => output };
    const failure = `the stack in ${root} exited before it was ready (exit code ${child.exitCode}):\n${output}`;
    if (attempt === START_ATTEMPTS) throw new Error(failure);
    console.log(`${failure}\nstarting it again (attempt ${attempt + 1} of ${START_ATTEMPTS})`);
  }
}

/** The pid in the last "Started <label> (pid N)." line `npm start` printed. */
function latestPid(output: string, label: string): number {
  const lines = [...output.matchAll(/^Started (.+) \(pid (\d+)\)\.$/gm)].filter(
    (match) => match[1] === label,
  );
  const pid = Number(lines.at(-1)?.[2]);
  if (!pid) throw new Error(`no pid for ${label} in:\n${output}`);
  return pid;
}

async function stopStack(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  await exited;
}
