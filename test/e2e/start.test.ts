// `npm start`'s orchestrator as built (tools/dev/dist/start.js), on free ports and a fresh data
// directory seeded from the sources alone, from an environment without NODE_ENV as a shell gives it:
// the parts run with production settings and the query page keeps its schema; a subgraph killed
// with SIGKILL is restarted while the others keep answering through the gateway, so is the gateway,
// SIGINT stops every process it started, and a second start finds the seed current.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readSubgraphManifest } from "@twingraph/kit/manifest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../src/ports";
import { isRunning } from "../src/processes";

const ROOT = path.resolve(__dirname, "../..");
/**
 * How long the checks wait for a restart: a bound for a machine under load, not a speed claim (the
 * time from kill to answering again is measured by the benchmark, `npm run bench`).
 */
const RESTART_WAIT_MS = 30_000;
/** How long a start may take on a loaded machine (the e2e lane's hook timeout): again a bound, not a claim. */
const START_WAIT_MS = 120_000;

async function until(condition: () => boolean | Promise<boolean>, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: unknown[];
}

let stack: ChildProcess;
let output = "";
let dataDir: string;
let gatewayUrl: string;
let env: NodeJS.ProcessEnv;

/** Every pid the orchestrator said it started, by part: "the cities subgraph" → [pid, ...]. */
function startedPids(): Map<string, number[]> {
  const pids = new Map<string, number[]>();
  for (const [, label, pid] of output.matchAll(/Started (.+?) \(pid (\d+)\)\./g)) {
    pids.set(label as string, [...(pids.get(label as string) ?? []), Number(pid)]);
  }
  return pids;
}

async function query(document: string): Promise<Answer> {
  try {
    const response = await fetch(gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: document }),
    });
    return (await response.json()) as Answer;
  } catch (error) {
    return { errors: [String(error)] };
  }
}

const CITY = /* GraphQL */ `{ city(id: "si-kranj") { name } }`;
const AGREEMENTS = /* GraphQL */ `{ agreements(first: 1) { title } }`;

/** Runs start.js until it says it is ready; its output is collected into `output`. */
async function startStack(): Promise<void> {
  output = "";
  stack = spawn(process.execPath, [path.join(ROOT, "tools/dev/dist/start.js")], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const ready = new Promise<void>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /twingraph is ready: (\S+)/.exec(output)?.[1];
      if (url) {
        gatewayUrl = url.replace("localhost", "127.0.0.1");
        resolve();
      }
    };
    stack.stdout?.on("data", collect);
    stack.stderr?.on("data", collect);
    stack.once("exit", (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  await ready;
}

/** The environment a process was started with, from /proc. */
function environmentOf(pid: number): Map<string, string> {
  const entries = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").filter(Boolean);
  return new Map(
    entries.map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]),
  );
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "twin-start-"));
  const ports: Record<string, number> = {};
  for (const name of ["gateway", ...readSubgraphManifest().map((entry) => entry.name)])
    ports[name.toUpperCase()] = await freePort();
  env = {
    ...process.env,
    TWINGRAPH_DATA_DIR: dataDir,
    TWINGRAPH_WORLD_FILE: "",
    // answers straight from the subgraphs, so "still answers" means the subgraph answered
    TWINGRAPH_RESPONSE_CACHE: "0",
    TWINGRAPH_WARM_NETWORK: "0",
    TWINGRAPH_WARM_GAZETTEER: "0",
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  // vitest sets NODE_ENV=test; a shell running `npm start` sets none
  delete env.NODE_ENV;
  delete env.INTROSPECTION;
  for (const [name, port] of Object.entries(ports)) env[`${name}_PORT`] = String(port);
  await startStack();
});

afterAll(() => {
  if (stack.exitCode === null && stack.signalCode === null) stack.kill("SIGKILL");
  for (const pids of startedPids().values())
    for (const pid of pids) if (isRunning(pid)) process.kill(pid, "SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("started the gateway and every subgraph of the manifest as processes of their own", () => {
    const subgraphs = readSubgraphManifest().map(({ name }) => `the ${name} subgraph`);
    expect([...startedPids().keys()].sort()).toEqual([...subgraphs, "the gateway"].sort());
  });

  it("seeded the fresh data directory", () => {
    expect(output).toContain("Seeded from the source documents");
  });

  it.skipIf(!existsSync("/proc/self/environ"))(
    "runs every part with NODE_ENV=production unless told otherwise",
    () => {
      const pids = [...startedPids().values()].flat();
      expect(pids.map((pid) => environmentOf(pid).get("NODE_ENV"))).toEqual(pids.map(() => "production"));
    },
  );

  it("answers in production mode (no suggestions) while the query page keeps its schema", async () => {
    const misspelt = await query("{ citiez(first: 1) { name } }");
    expect(JSON.stringify(misspelt.errors)).toContain("citiez");
    expect(JSON.stringify(misspelt.errors)).not.toContain("Did you mean");
    expect((await query("{ __schema { queryType { name } } }")).data).toEqual({
      __schema: { queryType: { name: "Query" } },
    });
  });

  it("restarts a killed subgraph while the others keep answering", async () => {
    expect((await query(CITY)).data).toEqual({ city: { name: "Kranj" } });
    const [cities] = startedPids().get("the cities subgraph") ?? [];
    const killedAt = Date.now();
    process.kill(cities as number, "SIGKILL");
    const noticed = await until(
      () => output.includes("The cities subgraph stopped (signal SIGKILL); restarting in 0.5 s."),
      killedAt + RESTART_WAIT_MS,
    );
    expect(noticed, output).toBe(true);

    const whileDown = await Promise.all([query(AGREEMENTS), query(CITY)]);
    expect(whileDown[0].errors).toBeUndefined();
    expect(whileDown[0].data?.agreements).toHaveLength(1);
    expect(whileDown[1].errors?.length).toBeGreaterThan(0);

    const answersAgain = await until(
      async () => JSON.stringify((await query(CITY)).data) === JSON.stringify({ city: { name: "Kranj" } }),
      killedAt + RESTART_WAIT_MS,
    );
    expect(answersAgain, output).toBe(true);
    expect(startedPids().get("the cities subgraph")).toHaveLength(2);
  });

  it("restarts a killed gateway", async () => {
    const [gateway] = startedPids().get("the gateway") ?? [];
    process.kill(gateway as number, "SIGKILL");
    const serves = await until(
      async () =>
        (await query(AGREEMENTS)).errors === undefined && output.includes("The gateway serves again"),
      Date.now() + RESTART_WAIT_MS,
    );
    expect(serves, output).toBe(true);
    expect(output).toContain("The gateway stopped (signal SIGKILL); restarting in 0.5 s.");
    expect(startedPids().get("the gateway")).toHaveLength(2);
  });

  it("stops every process it started on SIGINT", async () => {
    const exited = new Promise<number | null>((resolve) => stack.once("exit", (code) => resolve(code)));
    stack.kill("SIGINT");
    expect(await exited).toBe(0);
    const pids = [...startedPids().values()].flat();
    expect(pids.length).toBeGreaterThanOrEqual(7);
    expect(pids.filter(isRunning)).toEqual([]);
  });

  it(
    "starts again on the same data without seeding",
    async () => {
      await startStack();
      expect(output).toContain("Databases already seeded; nothing to add.");
      expect(output).not.toContain("Seeding took");
      expect((await query(CITY)).data).toEqual({ city: { name: "Kranj" } });
      const exited = new Promise<number | null>((resolve) => stack.once("exit", (code) => resolve(code)));
      stack.kill("SIGINT");
      expect(await exited).toBe(0);
    },
    START_WAIT_MS,
  );
});
