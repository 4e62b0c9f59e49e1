// `BENCH_ONLY=start npm run bench`: a fresh clone's first `npm start` to "twingraph is ready" and the
// starts after it. The clone is `git clone` of this checkout's HEAD, so it has no build output, no
// data directory and no seed; its node_modules are this checkout's, hard-linked (installing is
// `npm ci`'s three minutes, not the start's, and the workspace links in it are relative, so they
// point into the clone). Each start runs `npm start` as a newcomer types it, on ports 300 above the
// defaults, and is stopped with Ctrl-C's SIGINT once ready.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readSubgraphManifest } from "@twingraph/kit/manifest";

const ROOT = path.resolve(__dirname, "../..");
const PORT_OFFSET = 300;
const READY_LINE = "twingraph is ready";
/** How many starts after the first are timed; their median is reported. */
const LATER_STARTS = Number(process.env.BENCH_STARTS ?? 3);

interface StartTiming {
  readyMs: number;
  /** what the start's steps said of their own time: "Built 14 packages in 13.9 s", "Seeding took …" */
  steps: string[];
}

export async function benchStart(): Promise<void> {
  const clone = freshClone();
  try {
    const world = existsSync(worldFile()) ? "with the world file" : "without the world file (absent)";
    console.log(`npm start from a fresh clone of ${gitHead()} (${clone}), ${world}, ports +${PORT_OFFSET}:`);
    const first = await timedStart(clone);
    console.log(`  first start to ready: ${seconds(first.readyMs)} (${first.steps.join("; ")})`);
    const later: number[] = [];
    for (let run = 1; run <= LATER_STARTS; run++) {
      const start = await timedStart(clone);
      later.push(start.readyMs);
      console.log(`  start ${run + 1} to ready: ${seconds(start.readyMs)} (${start.steps.join("; ")})`);
    }
    const median = [...later].sort((a, b) => a - b)[Math.floor(later.length / 2)];
    if (median !== undefined)
      console.log(
        `  later starts: median ${seconds(median)}, ${(median / first.readyMs).toFixed(2)}× the first`,
      );
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

function gitHead(): string {
  return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
}

/** A clone of HEAD with this checkout's installed modules hard-linked into it. */
function freshClone(): string {
  const clone = path.join(mkdtempSync(path.join(tmpdir(), "twingraph-bench-start-")), "twingraph");
  execFileSync("git", ["clone", "--quiet", ROOT, clone]);
  for (const modules of installedModuleFolders()) {
    execFileSync("cp", ["-al", path.join(ROOT, modules), path.join(clone, modules)]);
  }
  return clone;
}

/** node_modules at the root and in each workspace package that has its own. */
function installedModuleFolders(): string[] {
  const folders = ["node_modules"];
  for (const parent of ["services", "packages", "tools"]) {
    for (const entry of readdirSync(path.join(ROOT, parent), { withFileTypes: true })) {
      if (entry.isDirectory() && existsSync(path.join(ROOT, parent, entry.name, "node_modules")))
        folders.push(path.join(parent, entry.name, "node_modules"));
    }
  }
  for (const single of ["seed", "widget", "gateway", "test"]) {
    if (existsSync(path.join(ROOT, single, "node_modules"))) folders.push(path.join(single, "node_modules"));
  }
  return folders;
}

/** The world file where this checkout's start finds it: the clone lives elsewhere. */
function worldFile(): string {
  return process.env.TWINGRAPH_WORLD_FILE ?? path.resolve(ROOT, "../shared/data/world-twinnings.csv");
}

function portSettings(clone: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { GATEWAY_PORT: String(4000 + PORT_OFFSET) };
  for (const { name, port } of readSubgraphManifest(path.join(clone, "schema", "subgraphs.json"))) {
    env[`${name.toUpperCase()}_PORT`] = String(port + PORT_OFFSET);
  }
  return env;
}

/** `npm start` in the clone until it says it is ready; then SIGINT, awaited. */
async function timedStart(clone: string): Promise<StartTiming> {
  const { TWINGRAPH_DATA_DIR: _dataDir, NODE_ENV: _nodeEnv, ...inherited } = process.env;
  const started = performance.now();
  const child = spawn("npm", ["start"], {
    cwd: clone,
    env: { ...inherited, ...portSettings(clone), TWINGRAPH_WORLD_FILE: worldFile() },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const readyMs = await new Promise<number>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(READY_LINE)) resolve(performance.now() - started);
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    child.once("exit", (code) =>
      reject(new Error(`npm start exited with ${code} before it was ready:\n${output}`)),
    );
  });
  await stopGroup(child);
  return { readyMs, steps: stepTimes(output) };
}

function stepTimes(output: string): string[] {
  const patterns = [/Built \d+ packages? in [\d.]+ s/, /Build up to date[^)]*\)/, /Seeding took [\d.]+ s/];
  return patterns.flatMap((pattern) => pattern.exec(output)?.[0] ?? []);
}

/** npm and everything it started share the detached child's process group. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-(child.pid as number), "SIGINT");
  await exited;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
