// `npm run bench`: the data work and whole-network centrality (bench-data.ts, bench-centrality.ts),
// then the real stack (the subgraph processes and the gateway, seeded like `npm start`, in a
// temporary data directory, 100 ports above the defaults) under a closed-loop load from this
// process. First without the response cache: our gateway side by side with Hive Gateway, the
// plan-direct ceiling and, with BENCH_BASELINE, the parent commit's stack (bench-gateways.ts); then
// with the cache (the widget's query cold, warm and as a persisted GET), a miss's cost
// (bench-cache.ts) and the single-process mode (bench-single-process.ts). Figures are reported with
// ratios measured in the same run: the machines are shared and noisy. Then the hostile traffic
// (bench-hostile.ts), the editing figures (bench-editing.ts), the news figures (bench-news.ts) and
// a fresh clone's first and later `npm start` (bench-start.ts).
// BENCH_ONLY=<part>[,<part>…] runs those parts alone, in that order (PARTS below).
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateGatewaySecret } from "@twingraph/kit/http";
import { TWIN_PARTNERSHIPS } from "@twingraph/widget";
import { benchCache } from "./bench-cache";
import { benchCentrality } from "./bench-centrality";
import { dataFigures, printDataFigures } from "./bench-data";
import { benchEditing, editingBenchOptionsFromEnv } from "./bench-editing";
import { benchGateways } from "./bench-gateways";
import { benchHostile } from "./bench-hostile";
import { httpLoad, type Load, postJson, type Result, runLoad } from "./bench-load";
import { benchNews } from "./bench-news";
import { benchSingleProcess } from "./bench-single-process";
import { type BenchStack, withBenchStack } from "./bench-stack";
import { benchStart } from "./bench-start";
import { persistedGetUrl } from "./persisted-get";
import { isRunning } from "./processes";

/** The stack 100 ports above its defaults, beside a running `npm start`: the gateway on 4100. */
const PORT_OFFSET = 100;
const GATEWAY_PORT = 4000 + PORT_OFFSET;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROOT = path.resolve(__dirname, "../..");
const LOAD_OPTIONS = { durationMs: DURATION_MS, concurrency: CONCURRENCY };

const GRAPHQL_URL = `http://localhost:${GATEWAY_PORT}/graphql`;

function post(body: unknown) {
  return postJson(GRAPHQL_URL, body);
}

/** The widget's request: its operation by hash, over GET. */
function widgetGetUrl(variables: object): string {
  return persistedGetUrl(GRAPHQL_URL, {
    body: TWIN_PARTNERSHIPS.body,
    operationName: TWIN_PARTNERSHIPS.name,
    variables,
  });
}

/** Our stack, from this checkout, with `settings` on top of the benchmark's own. */
function withStack<T>(
  dataDir: string,
  settings: NodeJS.ProcessEnv,
  work: (stack: BenchStack) => Promise<T>,
): Promise<T> {
  return withBenchStack({ root: ROOT, portOffset: PORT_OFFSET, dataDir, settings }, work);
}

/** The side-by-side table (bench-gateways.ts) on our stack without the response cache; our rows by query. */
function sideBySide(stack: BenchStack, secret: string): Promise<Map<string, Result>> {
  console.log(`stack start (build done, seeding included): ${(stack.startedInMs / 1000).toFixed(1)} s`);
  return benchGateways(stack, {
    ...LOAD_OPTIONS,
    rounds: ROUNDS,
    secret,
    workDir: mkdtempSync(path.join(tmpdir(), "twingraph-bench-gateways-")),
    baselineRoot: process.env.BENCH_BASELINE || undefined,
    baselineDataDir: benchDataDir("parent-commit"),
  });
}

/**
 * A stack's data directory: a new temporary one, seeded by its first start; with BENCH_DATA_DIR, a
 * directory in it that later runs find seeded (a quicker run when seeding the world file is slow).
 */
function benchDataDir(stack: string): string {
  const kept = process.env.BENCH_DATA_DIR;
  if (!kept) return mkdtempSync(path.join(tmpdir(), `twingraph-bench-${stack}-`));
  const directory = path.resolve(kept, stack);
  mkdirSync(directory, { recursive: true });
  return directory;
}

/** Our stack without the response cache, its secret known here for the plan-direct ceiling and Hive Gateway. */
function uncachedSettings(secret: string): NodeJS.ProcessEnv {
  return { TWINGRAPH_RESPONSE_CACHE: "0", GATEWAY_SECRET: secret };
}

/** The parts BENCH_ONLY=<name>,… runs alone. */
const PARTS: Record<string, () => Promise<unknown>> = {
  gateways: () => {
    const secret = generateGatewaySecret();
    return withStack(benchDataDir("ours"), uncachedSettings(secret), (stack) => sideBySide(stack, secret));
  },
  centrality: benchCentrality,
  cache: () => benchCache(benchDataDir("ours")),
  "single-process": () => benchSingleProcess(benchDataDir("ours")),
  editing: () => benchEditing(editingBenchOptionsFromEnv()),
  news: benchNews,
  start: benchStart,
};

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (only) {
    const names = only.split(",").map((name) => name.trim());
    const unknown = names.filter((name) => !PARTS[name]);
    if (unknown.length > 0)
      throw new Error(`BENCH_ONLY=${only}: expected names among ${Object.keys(PARTS).join(", ")}`);
    for (const name of names) {
      await PARTS[name]?.();
      console.log("");
    }
    return;
  }
  const dataDir = benchDataDir("ours");
  const secret = generateGatewaySecret();
  if (process.env.BENCH_DATA === "0") console.log("data work skipped: BENCH_DATA=0");
  else {
    const figures = await dataFigures();
    if (figures) printDataFigures(figures);
    else console.log("data work skipped: the world twinning file is absent (see ../shared/data/README.md)");
    console.log("");
    await benchCentrality();
  }
  console.log("");
  const widgetVariables = { city: "si-kranj", lang: "sl" };
  const widgetPost = post({ query: TWIN_PARTNERSHIPS.body, variables: widgetVariables });
  // a language tag of its own per request: no two requests are alike
  const widgetWithOwnTag = (sequence: number) =>
    post({ query: TWIN_PARTNERSHIPS.body, variables: { city: "si-kranj", lang: `sl-r${sequence}` } })(
      sequence,
    );

  const uncached = await withStack(dataDir, uncachedSettings(secret), async (stack) => {
    const ours = await sideBySide(stack, secret);
    const widget = ours.get("widget: Kranj");
    if (!widget) throw new Error("the side-by-side table measured no widget query");
    const [ownTag] = await runAll([httpLoad("widget: no cache, a tag per request", widgetWithOwnTag)]);
    const restartMs = await restartAfterKill(stack);
    console.log(
      `\nthe cities subgraph killed (SIGKILL) to answering again under npm start: ${(restartMs / 1000).toFixed(1)} s`,
    );
    return [{ ...widget, name: "widget: Kranj, no cache" }, ownTag as Result];
  });

  await withStack(dataDir, {}, async () => {
    const etag = (await fetch(widgetGetUrl(widgetVariables))).headers.get("etag") ?? "";
    const results = await runAll([
      // every request misses, and is stored
      httpLoad("widget: cold (every request a miss)", widgetWithOwnTag),
      httpLoad("widget: warm (POST, cache hit)", widgetPost),
      httpLoad("widget: persisted GET (cache hit)", () => ({ url: widgetGetUrl(widgetVariables), init: {} })),
      httpLoad(
        "widget: persisted GET, 304",
        () => ({ url: widgetGetUrl(widgetVariables), init: { headers: { "if-none-match": etag } } }),
        304,
      ),
    ]);
    console.log(`\nwith the response cache, against the widget's query without it\n`);
    printTable([...uncached, ...results], uncached[0], "vs no cache");
  });

  // the data version's freshness traded for throughput, as an operator may (docs/caching.md)
  await withStack(dataDir, { DATA_VERSION_MAX_AGE_MS: "1000" }, async () => {
    const results = await runAll([
      httpLoad("widget: warm, version up to 1 s old", widgetPost),
      httpLoad("widget: GET, version up to 1 s old", () => ({
        url: widgetGetUrl(widgetVariables),
        init: {},
      })),
    ]);
    console.log(`\nwith DATA_VERSION_MAX_AGE_MS=1000, against the widget's query without the cache\n`);
    printTable([uncached[0], ...results], uncached[0], "vs no cache");
  });

  console.log("");
  await benchCache(dataDir);
  console.log("");
  await benchSingleProcess(dataDir);
  console.log("");
  await benchHostile({ requests: Number(process.env.BENCH_HOSTILE_REQUESTS ?? 10_000) });
  console.log("");
  await benchEditing(editingBenchOptionsFromEnv());
  console.log("");
  await benchNews();
  console.log("");
  await benchStart();
}

/** Kills the cities subgraph the way a crash would and times until the gateway gets its answers again. */
async function restartAfterKill(stack: BenchStack): Promise<number> {
  const pid = stack.subgraphPid("cities");
  const cityQuery = post({ query: '{ city(id: "si-kranj") { name } }' });
  const killedAt = performance.now();
  process.kill(pid, "SIGKILL");
  while (isRunning(pid)) await new Promise((resolve) => setTimeout(resolve, 10));
  for (;;) {
    const { url, init } = cityQuery(0);
    const answer = await fetch(url, init).then(
      (response) => response.json() as Promise<{ data?: unknown; errors?: unknown }>,
    );
    if (!answer.errors && answer.data) return performance.now() - killedAt;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function runAll(loads: Load[]): Promise<Result[]> {
  const last = loads[loads.length - 1] as Load;
  await runLoad({ ...last, name: "warm-up" }, LOAD_OPTIONS);
  const results: Result[] = [];
  for (const load of loads) results.push(await runLoad(load, LOAD_OPTIONS));
  return results;
}

function printTable(results: Result[], baseline: Result, against: string): void {
  console.log(
    `load                                  req/s    p50 ms   p95 ms   req/s ${against}   p95 ${against}`,
  );
  for (const result of results) {
    console.log(
      [
        result.name.padEnd(36),
        result.perSecond.toFixed(0).padStart(6),
        result.p50.toFixed(1).padStart(8),
        result.p95.toFixed(1).padStart(8),
        `${(result.perSecond / baseline.perSecond).toFixed(2)}x`.padStart(10 + against.length),
        `${(result.p95 / baseline.p95).toFixed(2)}x`.padStart(8 + against.length),
      ].join(" "),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
