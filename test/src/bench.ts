// `npm run bench`: the real stack (four subgraph processes and the gateway, seeded like `npm start`,
// in a temporary data directory on ports 4100-4104) under a closed-loop load from this process.
// Figures are reported with ratios measured in the same run: the machines are shared and noisy.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { dataFigures, printDataFigures } from "./bench-data";

const PORTS = { GATEWAY: 4100, CITIES: 4101, AGREEMENTS: 4102, PROJECTS: 4103, NEWS: 4104 };
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 10) * 1000;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ROOT = path.resolve(__dirname, "../..");

interface Load {
  name: string;
  body: unknown;
}

interface Result {
  name: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
}

function startStack(): Promise<{ child: ChildProcess; startedInMs: number }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TWINGRAPH_DATA_DIR: mkdtempSync(path.join(tmpdir(), "twingraph-bench-")),
    // the background whole-network measures would take a core from the load being measured
    TWINGRAPH_WARM_NETWORK: "0",
  };
  for (const [name, port] of Object.entries(PORTS)) {
    env[`${name}_PORT`] = String(port);
    if (name !== "GATEWAY") env[`${name}_URL`] = `http://localhost:${port}/graphql`;
  }
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(ROOT, "gateway/dist/stack.js")], {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("twingraph is ready")) resolve({ child, startedInMs: Date.now() - started });
    });
    child.on("exit", (code) => reject(new Error(`the stack exited with code ${code}:\n${output}`)));
  });
}

async function run(load: Load): Promise<Result> {
  const url = `http://localhost:${PORTS.GATEWAY}/graphql`;
  const body = JSON.stringify(load.body);
  const latencies: number[] = [];
  const deadline = Date.now() + DURATION_MS;
  const worker = async () => {
    while (Date.now() < deadline) {
      const start = performance.now();
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      const payload = (await response.json()) as { errors?: unknown[] };
      if (!response.ok || payload.errors) throw new Error(`${load.name} failed: ${JSON.stringify(payload)}`);
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
  const figures = await dataFigures();
  if (figures) printDataFigures(figures);
  else console.log("data work skipped: the world twinning file is absent (see ../shared/data/README.md)");
  console.log("");
  const { child, startedInMs } = await startStack();
  try {
    const dossier = readFileSync(path.join(ROOT, "test/queries/dossier.graphql"), "utf8");
    const loads: Load[] = [
      { name: "gateway only: { __typename }", body: { query: "{ __typename }" } },
      {
        name: "one subgraph: findCities(Beljak)",
        body: { query: '{ findCities(name: "Beljak") { id name } }' },
      },
      {
        name: "dossier: Kranj–Villach, 4 subgraphs",
        body: { query: dossier, operationName: "Twinning", variables: { a: "at-villach", b: "si-kranj" } },
      },
    ];
    await run({ ...loads[2], name: "warm-up" });
    const results: Result[] = [];
    for (const load of loads) results.push(await run(load));
    const baseline = results[0].perSecond;
    console.log(`stack start (build done, seeding included): ${(startedInMs / 1000).toFixed(1)} s`);
    console.log(`closed loop, ${CONCURRENCY} concurrent requests, ${DURATION_MS / 1000} s per load\n`);
    console.log("load                                  req/s    p50 ms   p95 ms   req/s vs gateway only");
    for (const result of results) {
      console.log(
        `${result.name.padEnd(36)} ${result.perSecond.toFixed(0).padStart(6)}   ${result.p50.toFixed(1).padStart(6)}   ${result.p95
          .toFixed(1)
          .padStart(6)}   ${(result.perSecond / baseline).toFixed(2)}`,
      );
    }
  } finally {
    child.kill("SIGINT");
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
