// `npm run bench`: the real stack (four subgraph processes and the gateway, seeded like `npm start`,
// in a temporary data directory, 100 ports above the defaults) under a closed-loop load from this process:
// once without the response cache (queries through the subgraphs), once with it (the widget's query
// cold, warm and as a persisted GET). Figures are reported with ratios measured in the same run:
// the machines are shared and noisy. Then the hostile traffic (bench-hostile.ts), the editing
// figures (bench-editing.ts) and the news figures (bench-news.ts); BENCH_ONLY=editing or
// BENCH_ONLY=news runs those alone.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readSubgraphManifest } from "@twingraph/kit/manifest";
import { TWIN_PARTNERSHIPS } from "@twingraph/widget";
import { dataFigures, printDataFigures } from "./bench-data";
import { benchEditing, editingBenchOptionsFromEnv } from "./bench-editing";
import { benchHostile } from "./bench-hostile";
import { benchNews } from "./bench-news";
import { persistedGetUrl } from "./persisted-get";
import { isRunning } from "./processes";

/** The stack 100 ports above its defaults, beside a running `npm start`: the gateway on 4100. */
const PORT_OFFSET = 100;
const GATEWAY_PORT = 4000 + PORT_OFFSET;
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ROOT = path.resolve(__dirname, "../..");

interface Load {
  name: string;
  /** the n-th request of the load */
  request(sequence: number): { url: string; init: RequestInit };
  /** default 200 */
  status?: number;
}

interface Result {
  name: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
}

const GRAPHQL_URL = `http://localhost:${GATEWAY_PORT}/graphql`;

function post(body: unknown): Load["request"] {
  const json = JSON.stringify(body);
  return () => ({
    url: GRAPHQL_URL,
    init: { method: "POST", headers: { "content-type": "application/json" }, body: json },
  });
}

/** The widget's request: its operation by hash, over GET. */
function widgetGetUrl(variables: object): string {
  return persistedGetUrl(GRAPHQL_URL, {
    body: TWIN_PARTNERSHIPS.body,
    operationName: TWIN_PARTNERSHIPS.name,
    variables,
  });
}

function startStack(
  dataDir: string,
  settings: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; startedInMs: number; output: () => string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...settings,
    TWINGRAPH_DATA_DIR: dataDir,
    // the background whole-network measures would take a core from the load being measured
    TWINGRAPH_WARM_NETWORK: "0",
    TWINGRAPH_WARM_GAZETTEER: "0",
    // the load comes from one address; the rate limit would measure itself (the attack below keeps it)
    RATE_LIMIT: "0",
    // a log line per request, kept in memory here, would weigh on the bench rather than the gateway
    LOG_LEVEL: "warn",
  };
  env.GATEWAY_PORT = String(GATEWAY_PORT);
  for (const { name, port } of readSubgraphManifest()) {
    env[`${name.toUpperCase()}_PORT`] = String(port + PORT_OFFSET);
    env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${port + PORT_OFFSET}/graphql`;
  }
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(ROOT, "tools/dev/dist/start.js")], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("twingraph is ready"))
        resolve({ child, startedInMs: Date.now() - started, output: () => output });
    });
    child.on("exit", (code) => reject(new Error(`the stack exited with code ${code}:\n${output}`)));
  });
}

async function run(load: Load): Promise<Result> {
  const latencies: number[] = [];
  const deadline = Date.now() + DURATION_MS;
  let sequence = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      const { url, init } = load.request(sequence++);
      const start = performance.now();
      const response = await fetch(url, init);
      const text = await response.text();
      const failed =
        response.status !== (load.status ?? 200) || (text !== "" && "errors" in JSON.parse(text));
      if (failed) throw new Error(`${load.name} failed (HTTP ${response.status}): ${text.slice(0, 500)}`);
      latencies.push(performance.now() - start);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (quantile: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * quantile))];
  return {
    name: load.name,
    requests: latencies.length,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p95: at(0.95),
  };
}

async function main(): Promise<void> {
  if (process.env.BENCH_ONLY === "editing") {
    await benchEditing(editingBenchOptionsFromEnv());
    return;
  }
  if (process.env.BENCH_ONLY === "news") {
    await benchNews();
    return;
  }
  if (process.env.BENCH_DATA === "0") console.log("data work skipped: BENCH_DATA=0");
  else {
    const figures = await dataFigures();
    if (figures) printDataFigures(figures);
    else console.log("data work skipped: the world twinning file is absent (see ../shared/data/README.md)");
  }
  console.log("");
  const dataDir = mkdtempSync(path.join(tmpdir(), "twingraph-bench-"));
  const widgetVariables = { city: "si-kranj", lang: "sl" };
  const widgetPost = post({ query: TWIN_PARTNERSHIPS.body, variables: widgetVariables });
  const widgetWithOwnTag: Load["request"] = (sequence) =>
    post({ query: TWIN_PARTNERSHIPS.body, variables: { city: "si-kranj", lang: `sl-r${sequence}` } })(
      sequence,
    );

  const uncached = await withStack(
    dataDir,
    { TWINGRAPH_RESPONSE_CACHE: "0" },
    async (startedInMs, output) => {
      console.log(`stack start (build done, seeding included): ${(startedInMs / 1000).toFixed(1)} s`);
      const dossier = readFileSync(path.join(ROOT, "test/queries/dossier.graphql"), "utf8");
      const results = await runAll([
        { name: "gateway only: { __typename }", request: post({ query: "{ __typename }" }) },
        {
          name: "one subgraph: findCities(Beljak)",
          request: post({ query: '{ findCities(name: "Beljak") { id name } }' }),
        },
        {
          name: "dossier: Kranj–Villach, 4 subgraphs",
          request: post({
            query: dossier,
            operationName: "Twinning",
            variables: { a: "at-villach", b: "si-kranj" },
          }),
        },
        { name: "widget: Kranj, no cache", request: widgetPost },
        { name: "widget: no cache, a tag per request", request: widgetWithOwnTag },
      ]);
      console.log(
        `\nwithout the response cache: closed loop, ${CONCURRENCY} concurrent requests, ${DURATION_MS / 1000} s per load\n`,
      );
      printTable(results, results[0], "vs gateway only");
      const restartMs = await restartAfterKill(output);
      console.log(
        `\nthe cities subgraph killed (SIGKILL) to answering again under npm start: ${(restartMs / 1000).toFixed(1)} s`,
      );
      return results.slice(3);
    },
  );

  await withStack(dataDir, {}, async () => {
    const etag = (await fetch(widgetGetUrl(widgetVariables))).headers.get("etag") ?? "";
    const results = await runAll([
      {
        // a language tag of its own per request: every request misses, and is stored
        name: "widget: cold (every request a miss)",
        request: (sequence) =>
          post({ query: TWIN_PARTNERSHIPS.body, variables: { city: "si-kranj", lang: `sl-r${sequence}` } })(
            sequence,
          ),
      },
      { name: "widget: warm (POST, cache hit)", request: widgetPost },
      {
        name: "widget: persisted GET (cache hit)",
        request: () => ({ url: widgetGetUrl(widgetVariables), init: {} }),
      },
      {
        name: "widget: persisted GET, 304",
        request: () => ({
          url: widgetGetUrl(widgetVariables),
          init: { headers: { "if-none-match": etag } },
        }),
        status: 304,
      },
    ]);
    console.log(`\nwith the response cache, against the widget's query without it\n`);
    printTable([...uncached, ...results], uncached[0], "vs no cache");
  });

  // the data version's freshness traded for throughput, as an operator may (docs/caching.md)
  await withStack(dataDir, { DATA_VERSION_MAX_AGE_MS: "1000" }, async () => {
    const results = await runAll([
      { name: "widget: warm, version up to 1 s old", request: widgetPost },
      {
        name: "widget: GET, version up to 1 s old",
        request: () => ({ url: widgetGetUrl(widgetVariables), init: {} }),
      },
    ]);
    console.log(`\nwith DATA_VERSION_MAX_AGE_MS=1000, against the widget's query without the cache\n`);
    printTable([uncached[0], ...results], uncached[0], "vs no cache");
  });

  console.log("");
  await benchHostile({ requests: Number(process.env.BENCH_HOSTILE_REQUESTS ?? 10_000) });
  console.log("");
  await benchEditing(editingBenchOptionsFromEnv());
  console.log("");
  await benchNews();
}

/** Kills the cities subgraph the way a crash would and times until the gateway gets its answers again. */
async function restartAfterKill(output: () => string): Promise<number> {
  const pid = Number(/Started the cities subgraph \(pid (\d+)\)/.exec(output())?.[1]);
  if (!pid) throw new Error(`no pid for the cities subgraph in:\n${output()}`);
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

async function withStack<T>(
  dataDir: string,
  settings: NodeJS.ProcessEnv,
  work: (startedInMs: number, output: () => string) => Promise<T>,
): Promise<T> {
  const { child, startedInMs, output } = await startStack(dataDir, settings);
  try {
    return await work(startedInMs, output);
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGINT");
    await exited;
  }
}

async function runAll(loads: Load[]): Promise<Result[]> {
  await run({ ...loads[loads.length - 1], name: "warm-up" });
  const results: Result[] = [];
  for (const load of loads) results.push(await run(load));
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
