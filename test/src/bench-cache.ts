// What a response-cache miss costs: the widget's query under a language tag of its own per request
// (so every request misses and, with the cache on, is stored) against two stacks side by side on one
// seeded data directory, one without the response cache and one with it, their loads alternated so
// that both see the same noise. Reports the cold/no-cache ratio of throughput and the CPU each
// request costs the gateway and the subgraphs (from /proc), which on a shared machine is the
// steadier figure. BENCH_ONLY=cache runs it alone. The data directory is the caller's (bench.ts
// keeps one seeded under BENCH_DATA_DIR), else BENCH_CACHE_DATA_DIR, else a new temporary one.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CACHE_STATUS_HEADER } from "@twingraph/gateway";
import { TWIN_PARTNERSHIPS } from "@twingraph/widget";
import { checkAnswer, type Load, type Result, runLoad } from "./bench-load";
import { type BenchStack, startBenchStack } from "./bench-stack";
import { processTree, totalCpuSeconds } from "./process-tree";

/** The two stacks' ports above the defaults: the range of this bench's own. */
const UNCACHED_OFFSET = 500;
const CACHED_OFFSET = 550;
const ROOT = path.resolve(__dirname, "../..");
const DURATION_MS = Number(process.env.BENCH_CACHE_SECONDS ?? 5) * 1000;
const ROUNDS = Number(process.env.BENCH_CACHE_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

interface Measure extends Result {
  /** CPU milliseconds per request of the gateway and of the subgraphs */
  gatewayCpuMs: number;
  subgraphsCpuMs: number;
}

interface Round {
  uncached: Measure;
  cached: Measure;
}

export async function benchCache(
  dataDir = process.env.BENCH_CACHE_DATA_DIR || mkdtempSync(path.join(tmpdir(), "twingraph-bench-cache-")),
): Promise<void> {
  const start = (portOffset: number, settings: NodeJS.ProcessEnv) =>
    startBenchStack({ root: ROOT, portOffset, dataDir, settings });
  // one after the other: the first seeds the directory, the second finds it seeded
  const uncached = await start(UNCACHED_OFFSET, { TWINGRAPH_RESPONSE_CACHE: "0" });
  try {
    const cached = await start(CACHED_OFFSET, {});
    try {
      printRounds(await alternate(uncached, cached));
    } finally {
      await cached.stop();
    }
  } finally {
    await uncached.stop();
  }
}

async function alternate(uncached: BenchStack, cached: BenchStack): Promise<Round[]> {
  let sequence = 0;
  const measure = (stack: BenchStack) => measured(stack, coldLoad(stack.gatewayUrl), () => sequence++);
  await measure(uncached);
  await measure(cached);
  const rounds: Round[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // which goes first alternates, so a drift in the machine's load favours neither
    if (round % 2 === 0) rounds.push({ uncached: await measure(uncached), cached: await measure(cached) });
    else {
      const cachedFirst = await measure(cached);
      rounds.push({ uncached: await measure(uncached), cached: cachedFirst });
    }
  }
  return rounds;
}

/** The widget's query for Kranj, each request under a language tag never asked before: every one a miss. */
function coldLoad(gatewayUrl: string): Load {
  const name = "widget: every request a miss";
  return {
    name,
    async send(sequence) {
      const variables = { city: "si-kranj", lang: `sl-r${sequence}` };
      const response = await fetch(gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: TWIN_PARTNERSHIPS.body, variables }),
      });
      if (response.headers.get(CACHE_STATUS_HEADER) === "hit") throw new Error(`${name}: a hit`);
      await checkAnswer(name, response);
    },
  };
}

/** The load on one stack, with the CPU its gateway and subgraphs spent per request. */
async function measured(stack: BenchStack, load: Load, nextSequence: () => number): Promise<Measure> {
  const gateway = processTree(stack.gatewayPid());
  const subgraphs = stack.subgraphPids();
  const before = [totalCpuSeconds(gateway), totalCpuSeconds(subgraphs)];
  const result = await runLoad(
    { ...load, send: () => load.send(nextSequence()) },
    { durationMs: DURATION_MS, concurrency: CONCURRENCY },
  );
  const perRequestMs = (seconds: number) => (seconds * 1000) / result.requests;
  return {
    ...result,
    gatewayCpuMs: perRequestMs(totalCpuSeconds(gateway) - before[0]),
    subgraphsCpuMs: perRequestMs(totalCpuSeconds(subgraphs) - before[1]),
  };
}

function printRounds(rounds: Round[]): void {
  console.log(
    `\nthe widget's query, every request a miss: ${CONCURRENCY} clients, ${DURATION_MS / 1000} s per load, alternated\n`,
  );
  console.log(
    "round   req/s: no cache    cold   cold/no cache   CPU ms/req, gateway: no cache   cold   subgraphs: no cache   cold",
  );
  rounds.forEach(({ uncached, cached }, index) => {
    console.log(
      [
        String(index + 1).padEnd(5),
        uncached.perSecond.toFixed(0).padStart(17),
        cached.perSecond.toFixed(0).padStart(7),
        `${(cached.perSecond / uncached.perSecond).toFixed(2)}x`.padStart(15),
        uncached.gatewayCpuMs.toFixed(2).padStart(31),
        cached.gatewayCpuMs.toFixed(2).padStart(6),
        uncached.subgraphsCpuMs.toFixed(2).padStart(21),
        cached.subgraphsCpuMs.toFixed(2).padStart(6),
      ].join(" "),
    );
  });
  const sum = (pick: (round: Round) => number) => rounds.reduce((total, round) => total + pick(round), 0);
  const throughput = sum((round) => round.cached.perSecond) / sum((round) => round.uncached.perSecond);
  const cpu = (measure: Measure) => measure.gatewayCpuMs + measure.subgraphsCpuMs;
  const cpuRatio = sum((round) => cpu(round.uncached)) / sum((round) => cpu(round.cached));
  console.log(
    `\ncold/no cache over all rounds: ${throughput.toFixed(2)}x the throughput, ${cpuRatio.toFixed(2)}x by CPU per request`,
  );
}

if (require.main === module) {
  benchCache().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
