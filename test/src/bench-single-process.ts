// `npm start -- --single-process` against the default, a process per part: both stacks on one seeded
// data directory (150 and 160 ports above the defaults), the response cache off, the dossier and the
// widget's query in rounds that alternate the two (the order swapping from round to round), so that
// the machine's drift reaches both alike. Per query and mode: the median round's throughput and
// latency, the CPU time per request of the whole stack (every process of it, from /proc: the
// orchestrator, the subgraphs and the gateway, or the one process) and its resident memory; then
// single/multi ratios, each the median of the rounds' ratios. BENCH_SINGLE_SECONDS and
// BENCH_SINGLE_ROUNDS set each load's length (5 s) and the rounds (3).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DOSSIER_QUERY, WIDGET_QUERY } from "./bench-gateways";
import { httpLoad, type LoadOptions, median, postJson, type Result, runLoad } from "./bench-load";
import { type BenchStack, startBenchStack } from "./bench-stack";
import { REPO_ROOT } from "./gateway-install";
import { MB, residentBytes } from "./hostile/proc";
import { parentPid, processTree, totalCpuSeconds } from "./process-tree";

const MULTI_OFFSET = 150;
const SINGLE_OFFSET = 160;
const ROUNDS = Number(process.env.BENCH_SINGLE_ROUNDS ?? 3);
const LOAD: LoadOptions = {
  durationMs: Number(process.env.BENCH_SINGLE_SECONDS ?? 5) * 1000,
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 8),
};
const WARM_UP: LoadOptions = { ...LOAD, durationMs: 1_000 };

const QUERIES = [DOSSIER_QUERY, WIDGET_QUERY];

interface Mode {
  label: string;
  stack: BenchStack;
  /** every process of the stack */
  pids(): number[];
}

interface Measure extends Result {
  cpuMsPerRequest: number;
  residentMb: number;
}

/** `dataDir`: a data directory to seed or find seeded (the caller's, kept); default a new temporary one. */
export async function benchSingleProcess(given?: string): Promise<void> {
  const dataDir = given ?? mkdtempSync(path.join(tmpdir(), "twingraph-bench-single-"));
  const settings = { TWINGRAPH_RESPONSE_CACHE: "0" };
  const stacks: BenchStack[] = [];
  try {
    // one after the other: the first seeds the data directory, the second finds it seeded
    const single = await startBenchStack({
      root: REPO_ROOT,
      portOffset: SINGLE_OFFSET,
      dataDir,
      settings: { ...settings, TWINGRAPH_SINGLE_PROCESS: "1" },
    });
    stacks.push(single);
    const multi = await startBenchStack({ root: REPO_ROOT, portOffset: MULTI_OFFSET, dataDir, settings });
    stacks.push(multi);
    const modes: [Mode, Mode] = [
      // npm start's own process and the parts it started: the gateway's parent is that process
      { label: "a process per part", stack: multi, pids: () => processTree(orchestratorOf(multi)) },
      { label: "one process", stack: single, pids: () => [single.gatewayPid()] },
    ];
    console.log(
      `single process against a process per part: response cache off, closed loop, ${LOAD.concurrency} clients, ` +
        `${ROUNDS} rounds of ${LOAD.durationMs / 1000} s per query and mode, alternated\n`,
    );
    console.log(
      "query                    mode                 req/s   p50 ms   p95 ms   CPU ms/req   RSS MB",
    );
    for (const query of QUERIES) {
      for (const mode of modes)
        await runLoad(httpLoad("warm-up", postJson(mode.stack.gatewayUrl, query.body)), WARM_UP);
      const rounds: [Measure, Measure][] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? modes : ([modes[1], modes[0]] as const);
        const first = await measure(order[0], query.name, query.body);
        const second = await measure(order[1], query.name, query.body);
        rounds.push(round % 2 === 0 ? [first, second] : [second, first]);
      }
      printQuery(query.name, modes, rounds);
    }
  } finally {
    await Promise.all(stacks.map((stack) => stack.stop()));
    if (!given) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The process `npm start` runs as: the parent of the gateway it started. */
function orchestratorOf(stack: BenchStack): number {
  const parent = parentPid(stack.gatewayPid());
  if (parent === undefined) throw new Error("the gateway of the multi-process stack is gone");
  return parent;
}

async function measure(mode: Mode, name: string, body: unknown): Promise<Measure> {
  const pids = mode.pids();
  const cpuBefore = totalCpuSeconds(pids);
  const result = await runLoad(httpLoad(name, postJson(mode.stack.gatewayUrl, body)), LOAD);
  const cpuSeconds = totalCpuSeconds(pids) - cpuBefore;
  const resident = pids.reduce((sum, pid) => sum + residentBytes(pid), 0);
  return { ...result, cpuMsPerRequest: (cpuSeconds * 1000) / result.requests, residentMb: resident / MB };
}

function printQuery(name: string, modes: readonly Mode[], rounds: readonly [Measure, Measure][]): void {
  const row = (label: string, cells: string[]) =>
    console.log([name.padEnd(24), label.padEnd(20), ...cells].join(" "));
  for (const [index, mode] of modes.entries()) {
    const measures = rounds.map((pair) => pair[index] as Measure);
    row(mode.label, [
      median(measures.map((m) => m.perSecond))
        .toFixed(0)
        .padStart(5),
      median(measures.map((m) => m.p50))
        .toFixed(1)
        .padStart(8),
      median(measures.map((m) => m.p95))
        .toFixed(1)
        .padStart(8),
      median(measures.map((m) => m.cpuMsPerRequest))
        .toFixed(2)
        .padStart(12),
      median(measures.map((m) => m.residentMb))
        .toFixed(0)
        .padStart(8),
    ]);
  }
  const ratio = (of: (measure: Measure) => number) =>
    `${median(rounds.map(([multi, single]) => of(single) / of(multi))).toFixed(2)}x`;
  row("single/multi", [
    ratio((m) => m.perSecond).padStart(5),
    ratio((m) => m.p50).padStart(8),
    ratio((m) => m.p95).padStart(8),
    ratio((m) => m.cpuMsPerRequest).padStart(12),
    ratio((m) => m.residentMb).padStart(8),
  ]);
}
