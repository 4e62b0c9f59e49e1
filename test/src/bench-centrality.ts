// Whole-network betweenness in one process: graphology-metrics' exact Brandes (once, it takes
// minutes; BENCH_CENTRALITY_BASELINE=0 leaves it out), the typed-array Brandes in worker threads and
// in this thread alone, and the sampled estimate at several sample sizes, with its agreement with the
// exact scores (Spearman's rank correlation over all places, the top 10 and top 100 in common).
// Closeness as well, which runs on the same searches. Skips, saying so, without the world file.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { networkView } from "@twingraph/agreements";
import {
  CENTRALITY_SAMPLE_SIZE,
  defaultCentralityThreads,
  measureCentrality,
  measureInThread,
  type Scores,
  type SlowMeasure,
  WHOLE_NETWORK,
} from "@twingraph/network";
import {
  closeDatabases,
  defaultWorldFile,
  importWorldTwinnings,
  loadSources,
  openDatabases,
} from "@twingraph/seed";
import type { UndirectedGraph } from "graphology";
import betweenness from "graphology-metrics/centrality/betweenness";
import closeness from "graphology-metrics/centrality/closeness";

const SAMPLE_SIZES = [250, 500, 1000, CENTRALITY_SAMPLE_SIZE, 4000]
  .filter((size, index, all) => all.indexOf(size) === index)
  .sort((a, b) => a - b);

interface Timed<T> {
  value: T;
  seconds: number;
  cpuSeconds: number;
}

async function timed<T>(work: () => T | Promise<T>): Promise<Timed<T>> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return {
    value,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

/** The world file imported into throwaway SQLite files, read back as the whole network's graph. */
async function worldGraph(worldFile: string): Promise<UndirectedGraph> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "twingraph-bench-centrality-"));
  const databases = await openDatabases({ dataDir });
  try {
    await loadSources(databases);
    await importWorldTwinnings(databases, worldFile);
    return (await networkView(databases.agreements, WHOLE_NETWORK)).graph;
  } finally {
    await closeDatabases(databases);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Ranks from 1, ties sharing their mean rank, as Spearman's coefficient wants them. */
function ranks(values: Float64Array): Float64Array {
  const order = Array.from(values.keys()).sort((a, b) => values[b] - values[a]);
  const result = new Float64Array(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end += 1;
    const mean = (start + 1 + end) / 2;
    for (let i = start; i < end; i += 1) result[order[i]] = mean;
    start = end;
  }
  return result;
}

/** Pearson's correlation of the ranks. */
export function spearman(exact: Scores, estimate: Scores): number {
  const ids = Object.keys(exact);
  const a = ranks(Float64Array.from(ids, (id) => exact[id]));
  const b = ranks(Float64Array.from(ids, (id) => estimate[id] ?? 0));
  const mean = (ids.length + 1) / 2;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < ids.length; i += 1) {
    ab += (a[i] - mean) * (b[i] - mean);
    aa += (a[i] - mean) ** 2;
    bb += (b[i] - mean) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

/** The `count` highest-scored places, ties by id as rankings list them. */
function top(scores: Scores, count: number): string[] {
  return Object.entries(scores)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, count)
    .map(([id]) => id);
}

export function topOverlap(exact: Scores, estimate: Scores, count: number): number {
  const wanted = new Set(top(exact, count));
  return top(estimate, count).filter((id) => wanted.has(id)).length;
}

function largestRelativeDifference(actual: Scores, expected: Scores): number {
  let largest = 0;
  for (const [id, value] of Object.entries(expected))
    if (value !== 0) largest = Math.max(largest, Math.abs(actual[id] - value) / Math.abs(value));
    else if (actual[id] !== 0) largest = Number.POSITIVE_INFINITY;
  return largest;
}

const seconds = (value: number) => `${value.toFixed(2).padStart(7)} s`;

function line(name: string, run: Timed<unknown>, note = ""): void {
  console.log(`${name.padEnd(46)} ${seconds(run.seconds)} ${seconds(run.cpuSeconds)} CPU  ${note}`);
}

async function benchMeasure(graph: UndirectedGraph, measure: SlowMeasure, baseline: boolean): Promise<void> {
  const threads = defaultCentralityThreads();
  const exact = await timed(() => measureCentrality(graph, measure));
  line(`${measure}, exact, ${threads} worker threads`, exact);
  const alone = await timed(() => measureInThread(graph, measure));
  line(
    `${measure}, exact, this thread alone`,
    alone,
    `${(alone.seconds / exact.seconds).toFixed(2)}× the threads' time`,
  );
  const units = graph.order * graph.size;
  console.log(
    `${"".padEnd(46)} ${((alone.cpuSeconds * 1e9) / units).toFixed(1)} ns of CPU per place × pair alone, ` +
      `${((exact.cpuSeconds * 1e9) / units).toFixed(1)} in threads`,
  );
  if (baseline) {
    const graphology = await timed(() =>
      measure === "betweenness"
        ? betweenness(graph, { normalized: true })
        : closeness(graph, { wassermanFaust: true }),
    );
    line(
      `${measure}, graphology-metrics (the baseline)`,
      graphology,
      `${(graphology.seconds / exact.seconds).toFixed(1)}× the threads' time; largest difference ` +
        `${largestRelativeDifference(exact.value, graphology.value).toExponential(1)}`,
    );
  }
  for (const sampleSize of SAMPLE_SIZES) {
    const estimate = await timed(() => measureCentrality(graph, measure, undefined, { sampleSize }));
    line(
      `${measure}, estimate from ${sampleSize} places`,
      estimate,
      `Spearman ${spearman(exact.value, estimate.value).toFixed(3)}, top 10 ` +
        `${topOverlap(exact.value, estimate.value, 10)}, top 100 ${topOverlap(exact.value, estimate.value, 100)}` +
        (sampleSize === CENTRALITY_SAMPLE_SIZE ? "  (the sample size the API uses)" : ""),
    );
  }
}

export async function benchCentrality(): Promise<void> {
  const worldFile = defaultWorldFile();
  if (!existsSync(worldFile)) {
    console.log(`centrality bench skipped: ${worldFile} is absent (see ../shared/data/README.md)`);
    return;
  }
  const graph = await worldGraph(worldFile);
  const baseline = process.env.BENCH_CENTRALITY_BASELINE !== "0";
  console.log(
    `whole-network centrality: ${graph.order.toLocaleString("en")} places, ` +
      `${graph.size.toLocaleString("en")} linked pairs${baseline ? "" : " (BENCH_CENTRALITY_BASELINE=0: no graphology run)"}`,
  );
  console.log(`${"measure".padEnd(46)} ${"wall".padStart(9)} ${"CPU".padStart(9)}`);
  const only = process.env.BENCH_CENTRALITY_MEASURE as SlowMeasure | undefined;
  for (const measure of ["betweenness", "closeness"] as const)
    if (!only || only === measure) await benchMeasure(graph, measure, baseline);
}

if (require.main === module)
  benchCentrality().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
