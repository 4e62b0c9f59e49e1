// The editing benchmark for `npm run bench` (alone: BENCH_ONLY=editing): the stack of editing-stack.ts
// (a process per part, seeded), on SQLite and, when TEST_DATABASE_URL or DATABASE_URL names a
// PostgreSQL server, on a scratch database there. Two figures:
//   - single-record changesets through the gateway, as an editor applies their own: openChangeset,
//     createCity, applyChangeset (3 requests), from 8 clients in a closed loop, against a read of one
//     record as the same editor (the same requests per second were every request a read);
//   - a 1,000-record import changeset: 1,000 fictional pairs (`npm run import -- pairs`, as a
//     process, timed against the same file imported again, which writes nothing), then
//     revertChangeset of that import through the gateway: one changeset of 1,000 and more
//     DEPRECATE edits, staged, prepared and committed by the subgraphs.
// BENCH_CPU_PROF=<dir> writes a CPU profile of every process (each part's in <dir>/<database>/<part>).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DataSource } from "typeorm";
import { type Answer, type EditingStack, startEditingStack } from "./editing-stack";
import { STACK_ROOT } from "./hostile/stack";
import { signTestToken } from "./tokens";

const CLIENTS = 8;
/** changesets measured after a warm-up of this many */
const WARM_UP_CHANGESETS = 16;
/** The gateway waits this long for the changes subgraph: a revert of 1,000 edits is one request. */
const LONG_REQUEST_MS = 600_000;
const IMPORTING_ACCOUNT = "Benchmark Importer";

/** Clearly fictional test values: the benchmark writes them to a scratch stack only. */
const SOURCE = { document: "twingraph benchmark (fictional)", quote: "A fictional town.", language: "en" };

export interface EditingBenchOptions {
  /** single-record changesets measured per database */
  changesets: number;
  /** pairs in the imported file */
  pairs: number;
  /** PostgreSQL server URL; the benchmark creates and drops a database of its own there */
  postgresUrl?: string;
  /** where to write CPU profiles */
  cpuProfileDir?: string;
}

export function editingBenchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): EditingBenchOptions {
  return {
    changesets: Number(env.BENCH_EDITING_CHANGESETS ?? 200),
    pairs: Number(env.BENCH_EDITING_PAIRS ?? 1000),
    postgresUrl: env.TEST_DATABASE_URL || env.DATABASE_URL || undefined,
    cpuProfileDir: env.BENCH_CPU_PROF || undefined,
  };
}

interface Latencies {
  p50: number;
  p95: number;
}

interface MutationFigures {
  changesets: number;
  changesetsPerSecond: number;
  requestsPerSecond: number;
  changeset: Latencies;
  open: Latencies;
  create: Latencies;
  apply: Latencies;
  /** requests per second of a one-record read as the editor, in the same loop */
  readsPerSecond: number;
}

interface ImportFigures {
  records: { partnerships: number; cities: number };
  importMs: number;
  /** the same file again: reading, matching and the process, nothing written */
  importAgainMs: number;
  report: string;
  revertMs: number;
  revertEdits: number;
  /** what revertChangeset answered: APPLIED, or APPLYING when a commit was left to the recovery pass */
  revertAnswered: string;
}

interface DatabaseFigures {
  database: string;
  mutations: MutationFigures;
  import: ImportFigures;
  /** when each measured step ran, in the CPU profiles' clock, to cut them by step */
  windows: ProfileWindows;
}

/** step → [start, end] in microseconds of the monotonic clock that CPU profiles' timestamps use */
type ProfileWindows = Record<string, [number, number]>;

const profileClock = (): number => Number(process.hrtime.bigint() / 1000n);

/** Runs `work`, noting when it ran under `name`. */
async function timed<T>(windows: ProfileWindows, name: string, work: () => Promise<T>): Promise<T> {
  const from = profileClock();
  try {
    return await work();
  } finally {
    windows[name] = [from, profileClock()];
  }
}

const OPEN = /* GraphQL */ `
  mutation ($comment: String!) {
    openChangeset(comment: $comment) {
      id
    }
  }
`;
const CREATE_CITY = /* GraphQL */ `
  mutation ($cs: ID!, $input: CityInput!, $source: SourceInput) {
    createCity(changesetId: $cs, input: $input, source: $source) {
      recordId
    }
  }
`;
const APPLY = /* GraphQL */ `
  mutation ($id: ID!) {
    applyChangeset(id: $id) {
      status
    }
  }
`;
const READ = /* GraphQL */ `
  query ($id: ID!) {
    city(id: $id) {
      id
      version
    }
  }
`;
const IMPORTS = /* GraphQL */ `
  query {
    changesets(status: APPLIED, first: 50) {
      id
      kind
      authorName
    }
  }
`;
const REVERT = /* GraphQL */ `
  mutation ($id: ID!, $comment: String!) {
    revertChangeset(id: $id, comment: $comment) {
      id
      status
    }
  }
`;
const REVERT_DONE = /* GraphQL */ `
  query ($id: ID!) {
    changeset(id: $id) {
      status
      edits {
        op
      }
    }
  }
`;
const TOWN = /* GraphQL */ `
  query ($name: String!) {
    findCities(name: $name, country: "SI", first: 1, includeDeprecated: true) {
      id
      rank
      partnerships {
        id
      }
    }
  }
`;

export async function benchEditing(options: EditingBenchOptions): Promise<DatabaseFigures[]> {
  const figures = [await benchOn("SQLite", undefined, options)];
  if (options.postgresUrl) {
    const scratch = await scratchDatabase(options.postgresUrl);
    try {
      figures.push(await benchOn("PostgreSQL", scratch.url, options));
    } finally {
      await scratch.drop();
    }
  } else console.log("editing on PostgreSQL skipped: set TEST_DATABASE_URL=postgres://… to measure it");
  printEditingFigures(figures, options);
  return figures;
}

async function benchOn(
  database: string,
  databaseUrl: string | undefined,
  options: EditingBenchOptions,
): Promise<DatabaseFigures> {
  const profiles = options.cpuProfileDir && path.resolve(options.cpuProfileDir, database.toLowerCase());
  const profiled = (part: string) => (profiles ? cpuProfileOptions(path.join(profiles, part)) : []);
  console.log(`editing on ${database}: starting the stack`);
  const stack = await startEditingStack({
    databaseUrl,
    nodeOptions: profiled,
    env: {
      // the load comes from one account; the rate limit would measure itself
      RATE_LIMIT: "0",
      LOG_LEVEL: "warn",
      CHANGES_TIMEOUT_MS: String(LONG_REQUEST_MS),
    },
  });
  try {
    const editor = await signTestToken({ role: "editor", name: "Ana Novak" });
    const windows: ProfileWindows = {};
    console.log(`editing on ${database}: ${options.changesets} single-record changesets`);
    const mutations = await mutationLoad(stack, editor, options.changesets, windows);
    console.log(`editing on ${database}: importing ${options.pairs} pairs, then reverting the import`);
    const imported = await importAndRevert(stack, editor, options.pairs, profiled("import"), windows);
    return { database, mutations, import: imported, windows };
  } finally {
    await stack.stop();
  }
}

function cpuProfileOptions(directory: string): string[] {
  mkdirSync(directory, { recursive: true });
  return ["--cpu-prof", `--cpu-prof-dir=${directory}`];
}

// ---- single-record changesets

async function mutationLoad(
  stack: EditingStack,
  editor: string,
  changesets: number,
  windows: ProfileWindows,
): Promise<MutationFigures> {
  const run = randomBytes(3).toString("hex");
  await inClients(WARM_UP_CHANGESETS, (n) => oneChangeset(stack, editor, `Warm-up ${run} ${n}`));
  const started = performance.now();
  const timings = await timed(windows, "changesets", () =>
    inClients(changesets, (n) => oneChangeset(stack, editor, `Bench Town ${run} ${n}`)),
  );
  const seconds = (performance.now() - started) / 1000;

  const reads = changesets * 3;
  const readStarted = performance.now();
  await timed(windows, "reads", () =>
    inClients(reads, async () => {
      must(await stack.ask(READ, { id: "si-kranj" }, editor), "city");
    }),
  );
  const readSeconds = (performance.now() - readStarted) / 1000;
  return {
    changesets,
    changesetsPerSecond: changesets / seconds,
    requestsPerSecond: (changesets * 3) / seconds,
    changeset: latencies(timings.map((timing) => timing.open + timing.create + timing.apply)),
    open: latencies(timings.map((timing) => timing.open)),
    create: latencies(timings.map((timing) => timing.create)),
    apply: latencies(timings.map((timing) => timing.apply)),
    readsPerSecond: reads / readSeconds,
  };
}

interface ChangesetTiming {
  open: number;
  create: number;
  apply: number;
}

/** open, createCity, apply: one new fictional town, as its editor applies their own changeset. */
async function oneChangeset(stack: EditingStack, editor: string, town: string): Promise<ChangesetTiming> {
  const t0 = performance.now();
  const opened = must(await stack.ask(OPEN, { comment: `Benchmark: ${town}` }, editor), "openChangeset");
  const cs = (opened.openChangeset as { id: string }).id;
  const t1 = performance.now();
  const input = { name: town, countryCode: "SI" };
  must(await stack.ask(CREATE_CITY, { cs, input, source: SOURCE }, editor), "createCity");
  const t2 = performance.now();
  const applied = must(await stack.ask(APPLY, { id: cs }, editor), "applyChangeset");
  const t3 = performance.now();
  const status = (applied.applyChangeset as { status: string }).status;
  if (status !== "APPLIED") throw new Error(`applyChangeset ${cs} answered ${status}, not APPLIED`);
  return { open: t1 - t0, create: t2 - t1, apply: t3 - t2 };
}

/** Runs `work` for 0 … count - 1, CLIENTS at a time, each client taking the next number. */
async function inClients<T>(count: number, work: (n: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const client = async () => {
    for (let n = next++; n < count; n = next++) results.push(await work(n));
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return results;
}

// ---- the import and its revert

async function importAndRevert(
  stack: EditingStack,
  editor: string,
  pairs: number,
  nodeOptions: string[],
  windows: ProfileWindows,
): Promise<ImportFigures> {
  const { csv, towns } = pairsCsv(pairs);
  const file = path.join(stack.dataDir, "benchmark-pairs.csv");
  writeFileSync(file, csv);
  const first = await timed(windows, "import", () => timedImport(stack, file, nodeOptions));
  const again = await timedImport(stack, file, []);

  const importId = await importChangesetId(stack, editor);
  const town = towns[0] as string;
  const before = await townAsShown(stack, editor, town);
  if (before.partnerships !== towns.length - 1)
    throw new Error(
      `${town} has ${before.partnerships} partnerships after the import, not ${towns.length - 1}`,
    );

  const started = performance.now();
  const { revert, status } = await timed(windows, "revert", async () => {
    const answer = must(
      await stack.ask(REVERT, { id: importId, comment: "Benchmark: the import reverted" }, editor),
      "revertChangeset",
    );
    const revert = answer.revertChangeset as { id: string; status: string };
    const status = revert.status === "APPLIED" ? revert.status : await untilSettled(stack, editor, revert.id);
    return { revert, status };
  });
  const revertMs = performance.now() - started;
  if (status !== "APPLIED") throw new Error(`the revert of ${importId} ended ${status}, not APPLIED`);

  const after = await townAsShown(stack, editor, town);
  if (after.rank !== "DEPRECATED" || after.partnerships !== 0)
    throw new Error(`after the revert, ${town} is ${JSON.stringify(after)}`);
  const done = must(await stack.ask(REVERT_DONE, { id: revert.id }, editor), "changeset");
  return {
    records: { partnerships: pairs, cities: towns.length },
    importMs: first.ms,
    importAgainMs: again.ms,
    report: first.report,
    revertMs,
    revertEdits: (done.changeset as { edits: unknown[] }).edits.length,
    revertAnswered: revert.status,
  };
}

/** Pairs among as few fictional towns as hold them, each pair once: "Bench Twin 01,SI,Bench Twin 02,SI". */
function pairsCsv(pairs: number): { csv: string; towns: string[] } {
  const count = Math.ceil((1 + Math.sqrt(1 + 8 * pairs)) / 2);
  const towns = Array.from(
    { length: count },
    (_, index) => `Bench Twin ${String(index + 1).padStart(2, "0")}`,
  );
  const rows: string[] = [];
  for (let a = 0; a < count && rows.length < pairs; a++)
    for (let b = a + 1; b < count && rows.length < pairs; b++) rows.push(`${towns[a]},SI,${towns[b]},SI`);
  return { csv: `city1,country1,city2,country2\n${rows.join("\n")}\n`, towns };
}

/** `npm run import -- pairs <file>` as a process on the stack's databases, timed from spawn to exit. */
async function timedImport(
  stack: EditingStack,
  file: string,
  nodeOptions: string[],
): Promise<{ ms: number; report: string }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...nodeOptions,
      path.join(STACK_ROOT, "seed/dist/import-cli.js"),
      "pairs",
      file,
      "--account",
      IMPORTING_ACCOUNT,
    ],
    { env: stack.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`The import exited with ${code}:\n${output}`);
  return { ms, report: /^pairs import of .*$/m.exec(output)?.[0] ?? output.trim() };
}

async function importChangesetId(stack: EditingStack, editor: string): Promise<string> {
  const data = must(await stack.ask(IMPORTS, {}, editor), "changesets");
  const found = (data.changesets as { id: string; kind: string; authorName: string }[]).find(
    (changeset) => changeset.kind === "IMPORT" && changeset.authorName === IMPORTING_ACCOUNT,
  );
  if (!found) throw new Error(`no applied IMPORT changeset by ${IMPORTING_ACCOUNT}`);
  return found.id;
}

async function townAsShown(
  stack: EditingStack,
  editor: string,
  name: string,
): Promise<{ rank: string; partnerships: number }> {
  const data = must(await stack.ask(TOWN, { name }, editor), "findCities");
  const [town] = data.findCities as { rank: string; partnerships: { id: string }[] | null }[];
  if (!town) throw new Error(`${name} is not in the graph`);
  return { rank: town.rank, partnerships: town.partnerships?.length ?? 0 };
}

/** A revert the coordinator left APPLYING: the recovery pass finishes it. */
async function untilSettled(stack: EditingStack, editor: string, id: string): Promise<string> {
  for (;;) {
    const data = must(await stack.ask(REVERT_DONE, { id }, editor), "changeset");
    const { status } = data.changeset as { status: string };
    if (status !== "APPLYING") return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// ---- helpers

function must(answer: Answer, what: string): Record<string, unknown> {
  if (answer.errors || !answer.data)
    throw new Error(`${what} failed (HTTP ${answer.status}): ${JSON.stringify(answer.errors)}`);
  return answer.data;
}

function latencies(values: number[]): Latencies {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (quantile: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * quantile))] ?? 0;
  return { p50: at(0.5), p95: at(0.95) };
}

/** A database of its own on the server, dropped afterwards: the benchmark owns every schema in it. */
async function scratchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `twingraph_bench_${randomBytes(4).toString("hex")}`;
  const admin = await new DataSource({ type: "postgres", url: serverUrl }).initialize();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.destroy();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = await new DataSource({ type: "postgres", url: serverUrl }).initialize();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.destroy();
      }
    },
  };
}

// ---- the report

function printEditingFigures(figures: DatabaseFigures[], options: EditingBenchOptions): void {
  const [sqlite, postgres] = figures as [DatabaseFigures, DatabaseFigures | undefined];
  console.log(
    `\nediting: single-record changesets through the gateway (openChangeset, createCity, applyChangeset = 3 requests),\n` +
      `${CLIENTS} clients in a closed loop, ${options.changesets} changesets per database, every part a process\n`,
  );
  console.log(
    "database       changesets/s  requests/s  reads/s  writes/reads   changeset p50/p95 ms   open  create  apply p50 ms",
  );
  for (const { database, mutations: m } of figures)
    console.log(
      [
        database.padEnd(14),
        m.changesetsPerSecond.toFixed(1).padStart(12),
        m.requestsPerSecond.toFixed(1).padStart(11),
        m.readsPerSecond.toFixed(0).padStart(8),
        `${(m.requestsPerSecond / m.readsPerSecond).toFixed(2)}x`.padStart(13),
        `${m.changeset.p50.toFixed(0)} / ${m.changeset.p95.toFixed(0)}`.padStart(22),
        m.open.p50.toFixed(0).padStart(6),
        m.create.p50.toFixed(0).padStart(7),
        m.apply.p50.toFixed(0).padStart(6),
      ].join(" "),
    );
  if (postgres)
    console.log(
      `PostgreSQL / SQLite changesets per second: ${(postgres.mutations.changesetsPerSecond / sqlite.mutations.changesetsPerSecond).toFixed(2)}x`,
    );

  const { records } = sqlite.import;
  console.log(
    `\nediting: an import changeset of ${records.partnerships} fictional pairs (${records.partnerships} partnerships and ${records.cities} cities),\n` +
      "`npm run import -- pairs` as a process, then revertChangeset of it through the gateway\n",
  );
  console.log(
    "database       import s  again s  import - again s   revert s  revert edits  revert ms/edit  revert / import  revert answered",
  );
  for (const { database, import: i } of figures)
    console.log(
      [
        database.padEnd(14),
        (i.importMs / 1000).toFixed(1).padStart(8),
        (i.importAgainMs / 1000).toFixed(1).padStart(8),
        ((i.importMs - i.importAgainMs) / 1000).toFixed(1).padStart(17),
        (i.revertMs / 1000).toFixed(1).padStart(10),
        String(i.revertEdits).padStart(13),
        (i.revertMs / i.revertEdits).toFixed(2).padStart(15),
        `${(i.revertMs / i.importMs).toFixed(2)}x`.padStart(16),
        i.revertAnswered.padStart(16),
      ].join(" "),
    );
  if (postgres)
    console.log(
      `PostgreSQL / SQLite: import ${(postgres.import.importMs / sqlite.import.importMs).toFixed(2)}x, ` +
        `revert ${(postgres.import.revertMs / sqlite.import.revertMs).toFixed(2)}x`,
    );
  console.log(`the import said: ${sqlite.import.report}`);
  if (options.cpuProfileDir) {
    console.log(
      `\nCPU profiles: ${path.resolve(options.cpuProfileDir)}; each step ran (µs, the profiles' clock):`,
    );
    for (const { database, windows } of figures)
      for (const [step, [from, to]] of Object.entries(windows))
        console.log(`  ${database} ${step}: ${from} to ${to}`);
  }
}
