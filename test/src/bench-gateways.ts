// Our gateway side by side with Hive Gateway, on the same supergraph and the same subgraph processes,
// with the plan-direct ceiling (plan-direct.ts: each query's subgraph fetches sent straight to the
// subgraphs) and, when BENCH_BASELINE names a built checkout of the parent commit, that commit's
// whole stack (its gateway and its subgraphs). The four are alternated in one run: per query, rounds
// in which each runs the same closed-loop load in turn (the order rotating from round to round), so
// that the machine's drift reaches them all alike; each row is the median of its rounds, and each
// ratio the median of the rounds' ratios. CPU per request is read from /proc (utime + stime) before
// and after every load: the gateway's process tree, and the subgraph processes together.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { TWIN_PARTNERSHIPS } from "@twingraph/widget";
import { httpLoad, type Load, type LoadOptions, median, postJson, type Result, runLoad } from "./bench-load";
import { type BenchStack, withBenchStack } from "./bench-stack";
import { REPO_ROOT } from "./gateway-install";
import { hiveConfig, startHive } from "./hive-gateway";
import { planDirectLoad, recordPlans, startGatewayProcess, type Waves } from "./plan-direct";
import { processTree, totalCpuSeconds } from "./process-tree";

/** The parent commit's stack runs 700 ports above the defaults, beside ours at 100. */
const BASELINE_PORT_OFFSET = 700;
const WARM_UP_MS = 1_000;
/**
 * BENCH_CEILING_SHARED=1: the ceiling shares identical fetches in flight, as both gateways do. By
 * default it sends every fetch, as the issue measured it; a gateway that shares fetches between the
 * identical requests of this load can then pass it, and the subgraphs' CPU per request shows how.
 */
const SHARED_CEILING = process.env.BENCH_CEILING_SHARED === "1";
/** How `npm start` runs our gateway; Hive Gateway and the recording gateway run so too. */
const PRODUCTION = { NODE_ENV: "production" };

export interface GatewayQuery {
  name: string;
  body: { query: string; operationName?: string; variables?: Record<string, unknown> };
}

export const DOSSIER_QUERY: GatewayQuery = {
  name: "dossier Kranj–Villach",
  body: {
    query: readFileSync(path.join(REPO_ROOT, "test/queries/dossier.graphql"), "utf8"),
    operationName: "Twinning",
    variables: { a: "at-villach", b: "si-kranj" },
  },
};

export const WIDGET_QUERY: GatewayQuery = {
  name: "widget: Kranj",
  body: { query: TWIN_PARTNERSHIPS.body, variables: { city: "si-kranj", lang: "sl" } },
};

export const GATEWAY_QUERIES: readonly GatewayQuery[] = [
  { name: "{ __typename }", body: { query: "{ __typename }" } },
  { name: "findCities(Beljak)", body: { query: '{ findCities(name: "Beljak") { id name } }' } },
  DOSSIER_QUERY,
  WIDGET_QUERY,
];

export interface GatewayBenchOptions extends LoadOptions {
  /** each contender's time per query, `durationMs`, is split into this many rounds */
  rounds: number;
  /** what the subgraphs of `ours` require in the gateway-secret header */
  secret: string;
  /** where Hive Gateway's config and the recording gateway's data go */
  workDir: string;
  /** a built checkout of the parent commit, whose stack gives the before figures */
  baselineRoot?: string;
  /** the parent commit's stack's data directory */
  baselineDataDir: string;
}

interface Contender {
  label: string;
  /** its load for the query; none when it has nothing to send */
  load(query: GatewayQuery, index: number): Load | undefined;
  gatewayPids(): number[];
  subgraphPids(): number[];
  /** for the answer check: where it answers GraphQL requests, if it is a gateway */
  url?: string;
}

interface Measurement extends Result {
  /** CPU milliseconds per request, the gateway's process tree; none for the plan-direct client */
  gatewayCpuMs?: number;
  subgraphCpuMs: number;
}

/** Runs the side-by-side table against `ours` (a stack with the response cache off); our rows by query name. */
export async function benchGateways(
  ours: BenchStack,
  options: GatewayBenchOptions,
): Promise<Map<string, Result>> {
  const gatewaySettings = (directory: string): NodeJS.ProcessEnv => ({
    ...PRODUCTION,
    TWINGRAPH_DATA_DIR: path.join(options.workDir, directory),
    TWINGRAPH_RESPONSE_CACHE: "0",
    RATE_LIMIT: "0",
    LOG_LEVEL: "warn",
  });
  const plans = await recordPlans(
    { subgraphUrls: ours.subgraphUrls, secret: options.secret, env: gatewaySettings("recording") },
    GATEWAY_QUERIES.map((query) => query.body),
  );
  // the ceiling sends every fetch, so our gateway is also measured sending every fetch
  const unshared = await startGatewayProcess(
    {
      subgraphUrls: ours.subgraphUrls,
      secret: options.secret,
      env: { ...gatewaySettings("unshared"), SUBGRAPH_DEDUPE: "0" },
    },
    ours.subgraphUrls,
  );
  const hive = await startHive(options.workDir, hiveConfig(ours.subgraphUrls, options.secret), {
    env: { ...process.env, ...PRODUCTION },
  });
  try {
    const contenders: Contender[] = [
      gatewayContender("our gateway", ours.gatewayUrl, () => [ours.gatewayPid()], ours.subgraphPids),
      gatewayContender(
        "our gateway, SUBGRAPH_DEDUPE=0",
        unshared.url,
        () => [unshared.pid],
        ours.subgraphPids,
      ),
      gatewayContender(
        `Hive Gateway ${hiveVersion()}`,
        hive.url,
        () => processTree(hive.child.pid as number),
        ours.subgraphPids,
      ),
      {
        label: SHARED_CEILING ? "plan-direct, shared fetches" : "plan-direct ceiling",
        load: (query, index) =>
          plans[index]?.length
            ? planDirectLoad(query.name, plans[index], options.secret, SHARED_CEILING)
            : undefined,
        gatewayPids: () => [],
        subgraphPids: ours.subgraphPids,
      },
    ];
    if (!options.baselineRoot) {
      console.log(
        "the parent commit's row is left out: set BENCH_BASELINE to a built checkout of it (README, Measured here)",
      );
      return await sideBySide(contenders, plans, options);
    }
    const baselineRoot = options.baselineRoot;
    if (!existsSync(path.join(baselineRoot, "tools/dev/dist/start.js")))
      throw new Error(
        `BENCH_BASELINE=${baselineRoot} is not a built checkout: run npm ci && npx turbo run build there`,
      );
    return await withBenchStack(
      {
        root: baselineRoot,
        portOffset: BASELINE_PORT_OFFSET,
        dataDir: options.baselineDataDir,
        settings: { TWINGRAPH_RESPONSE_CACHE: "0" },
      },
      async (parent) => {
        console.log(
          `the parent commit's stack (${baselineRoot}) started in ${(parent.startedInMs / 1000).toFixed(1)} s`,
        );
        const label = `parent commit ${shortCommit(baselineRoot)}`;
        contenders.push(
          gatewayContender(label, parent.gatewayUrl, () => [parent.gatewayPid()], parent.subgraphPids),
        );
        return sideBySide(contenders, plans, options);
      },
    );
  } finally {
    const exited = new Promise((resolve) => hive.child.once("exit", resolve));
    hive.child.kill("SIGTERM");
    await Promise.all([exited, unshared.stop()]);
  }
}

function gatewayContender(
  label: string,
  url: string,
  gatewayPids: () => number[],
  subgraphPids: () => number[],
): Contender {
  return {
    label,
    url,
    load: (query) => httpLoad(query.name, postJson(url, query.body)),
    gatewayPids,
    subgraphPids,
  };
}

async function sideBySide(
  contenders: readonly Contender[],
  plans: readonly Waves[],
  options: GatewayBenchOptions,
): Promise<Map<string, Result>> {
  const roundMs = options.durationMs / options.rounds;
  console.log(
    `\nour gateway side by side: ${options.concurrency} concurrent clients, POST, no response cache, ` +
      `${options.rounds} round${options.rounds === 1 ? "" : "s"} of ${(roundMs / 1000).toFixed(1)} s per row; medians of the rounds\n`,
  );
  const ours = new Map<string, Result>();
  const ratioRows: { query: string; ratios: Map<string, number> }[] = [];
  for (const [index, query] of GATEWAY_QUERIES.entries()) {
    const loads = contenders.flatMap((contender) => {
      const load = contender.load(query, index);
      return load ? [{ contender, load }] : [];
    });
    await reportDifferentAnswers(contenders, query);
    for (const { load } of loads) await runLoad(load, { ...options, durationMs: WARM_UP_MS });
    const rounds = new Map<Contender, Measurement[]>(loads.map(({ contender }) => [contender, []]));
    for (let round = 0; round < options.rounds; round++)
      for (let turn = 0; turn < loads.length; turn++) {
        const { contender, load } = loads[(turn + round) % loads.length] as (typeof loads)[number];
        rounds.get(contender)?.push(await measure(contender, load, { ...options, durationMs: roundMs }));
      }
    console.log(`${query.name}: ${describePlan(plans[index] ?? [])}`);
    printRows(rounds);
    const [first, ...others] = [...rounds.entries()];
    if (!first) continue;
    const [, ourRounds] = first;
    ours.set(query.name, medianMeasurement(ourRounds));
    const ratios = new Map(
      others.map(([contender, theirs]) => [
        contender.label,
        median(ourRounds.map((mine, round) => mine.perSecond / (theirs[round] as Measurement).perSecond)),
      ]),
    );
    console.log(
      `  ${[...ratios].map(([label, ratio]) => `ours / ${shortLabel(label)} ${ratio.toFixed(2)}x`).join("   ")}\n`,
    );
    ratioRows.push({ query: query.name, ratios });
  }
  printRatios(
    contenders.slice(1).map((contender) => contender.label),
    ratioRows,
  );
  return ours;
}

async function measure(contender: Contender, load: Load, options: LoadOptions): Promise<Measurement> {
  const gatewayPids = contender.gatewayPids();
  const subgraphPids = contender.subgraphPids();
  const gatewayBefore = totalCpuSeconds(gatewayPids);
  const subgraphsBefore = totalCpuSeconds(subgraphPids);
  const result = await runLoad(load, options);
  const perRequestMs = (seconds: number) => (seconds * 1000) / result.requests;
  return {
    ...result,
    gatewayCpuMs: gatewayPids.length ? perRequestMs(totalCpuSeconds(gatewayPids) - gatewayBefore) : undefined,
    subgraphCpuMs: perRequestMs(totalCpuSeconds(subgraphPids) - subgraphsBefore),
  };
}

/** The contenders should answer alike; a difference is printed, not hidden in the rates. */
async function reportDifferentAnswers(contenders: readonly Contender[], query: GatewayQuery): Promise<void> {
  const answers = await Promise.all(
    contenders.map(async ({ label, url }) => {
      if (!url) return undefined;
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(query.body),
      });
      return { label, data: JSON.stringify(((await response.json()) as { data?: unknown }).data) };
    }),
  );
  const [ours, ...others] = answers.filter((answer) => answer !== undefined);
  for (const other of others)
    if (other.data !== ours?.data)
      console.log(`  note: ${other.label} answers ${query.name} differently from ours`);
}

function describePlan(plan: Waves): string {
  const fetches = plan.flat();
  if (fetches.length === 0) return "no subgraph fetch";
  const subgraphs = plan.map((wave) => wave.map((fetch) => fetch.subgraph).join(" + ")).join(", then ");
  return `${fetches.length} subgraph fetch${fetches.length === 1 ? "" : "es"} in ${plan.length} wave${plan.length === 1 ? "" : "s"} (${subgraphs})`;
}

function printRows(rounds: Map<Contender, Measurement[]>): void {
  console.log(
    `  ${"".padEnd(30)} ${"req/s".padStart(6)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}   CPU ms/req: ${"gateway".padStart(7)} ${"subgraphs".padStart(9)}`,
  );
  for (const [contender, measurements] of rounds) {
    const row = medianMeasurement(measurements);
    console.log(
      [
        `  ${contender.label.padEnd(30)}`,
        row.perSecond.toFixed(0).padStart(6),
        row.p50.toFixed(1).padStart(8),
        row.p95.toFixed(1).padStart(8),
        `${" ".repeat(14)}${row.gatewayCpuMs === undefined ? "–".padStart(7) : row.gatewayCpuMs.toFixed(2).padStart(7)}`,
        row.subgraphCpuMs.toFixed(2).padStart(9),
      ].join(" "),
    );
  }
}

function printRatios(
  labels: readonly string[],
  rows: { query: string; ratios: Map<string, number> }[],
): void {
  const heading = (label: string) => `   ours / ${shortLabel(label)}`;
  console.log("our gateway's rate against the others (median of the rounds' ratios)");
  console.log(`  ${"".padEnd(24)}${labels.map(heading).join("")}`);
  for (const { query, ratios } of rows) {
    const cells = labels.map((label) => {
      const ratio = ratios.get(label);
      return (ratio === undefined ? "–" : `${ratio.toFixed(2)}x`).padStart(heading(label).length);
    });
    console.log(`  ${query.padEnd(24)}${cells.join("")}`);
  }
}

function medianMeasurement(measurements: readonly Measurement[]): Measurement {
  const of = (pick: (measurement: Measurement) => number | undefined) => {
    const values = measurements.map(pick).filter((value) => value !== undefined);
    return values.length ? median(values) : undefined;
  };
  return {
    name: measurements[0]?.name ?? "",
    requests: of((m) => m.requests) ?? 0,
    perSecond: of((m) => m.perSecond) ?? 0,
    p50: of((m) => m.p50) ?? 0,
    p95: of((m) => m.p95) ?? 0,
    gatewayCpuMs: of((m) => m.gatewayCpuMs),
    subgraphCpuMs: of((m) => m.subgraphCpuMs) ?? 0,
  };
}

/** "Hive Gateway 2.15.1" → "Hive Gateway"; "parent commit a6b3f29" → "parent commit". */
function shortLabel(label: string): string {
  return label.replace(/ [\d.]+$| [0-9a-f]{7,}$/, "");
}

function hiveVersion(): string {
  const manifest = path.join(REPO_ROOT, "node_modules/@graphql-hive/gateway/package.json");
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

function shortCommit(root: string): string {
  return execFileSync("git", ["-C", root, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
}
