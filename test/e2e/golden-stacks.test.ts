// The golden queries of golden.test.ts against the stack as `npm start` runs it (built), in both of its
// modes: each part a process of its own, and all of them in one process (--single-process). The two
// stacks serve one data directory, seeded by the first; each must answer exactly test/queries/<name>.json.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BenchStack, startBenchStack } from "../src/bench-stack";
import { REPO_ROOT } from "../src/gateway-install";
import { gatewayAt, goldenAnswers } from "../src/harness";

const QUERIES = path.resolve(__dirname, "../queries");
const names = readdirSync(QUERIES)
  .filter((file) => file.endsWith(".graphql"))
  .map((file) => file.replace(/\.graphql$/, ""));

const SETTINGS = {
  // the data the golden answers are of: the source documents alone, without the world file
  TWINGRAPH_WORLD_FILE: "",
  // a bound for a machine under load (five parts start at once), not a speed claim
  READY_TIMEOUT_MS: "300000",
};
/** 400 and 450 ports above the defaults, beside a developer's `npm start` and the benchmark's stacks. */
const MODES = [
  { mode: "a process per part", portOffset: 400, settings: SETTINGS },
  { mode: "one process", portOffset: 450, settings: { ...SETTINGS, TWINGRAPH_SINGLE_PROCESS: "1" } },
] as const;

let dataDir: string;
const stacks = new Map<string, BenchStack>();

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "twin-golden-stacks-"));
  // one after the other: the first seeds the data directory, the second finds it seeded
  for (const { mode, portOffset, settings } of MODES)
    stacks.set(mode, await startBenchStack({ root: REPO_ROOT, portOffset, dataDir, settings }));
}, 720_000);

afterAll(async () => {
  await Promise.all([...stacks.values()].map((stack) => stack.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

function stack(mode: string): BenchStack {
  const started = stacks.get(mode);
  if (!started) throw new Error(`the stack with ${mode} did not start`);
  return started;
}

describe("npm start's two modes", () => {
  it("runs each part as a process of its own by default", () => {
    const pids = new Set([
      stack("a process per part").gatewayPid(),
      ...stack("a process per part").subgraphPids(),
    ]);
    expect(pids.size).toBe(1 + stack("a process per part").subgraphPids().length);
  });

  it("runs the gateway and every subgraph in one process with --single-process", () => {
    const single = stack("one process");
    expect(new Set([single.gatewayPid(), ...single.subgraphPids()])).toEqual(new Set([single.gatewayPid()]));
  });
});

describe.each(MODES.map(({ mode }) => mode))("golden queries, npm start with %s", (mode) => {
  it.each(names)("%s", async (name) => {
    const actual = await goldenAnswers(gatewayAt(stack(mode).gatewayUrl), QUERIES, name);
    expect(actual).toEqual(JSON.parse(readFileSync(path.join(QUERIES, `${name}.json`), "utf8")));
  });
});
