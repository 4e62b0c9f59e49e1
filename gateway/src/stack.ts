// `npm start`: seeds the databases on first start, runs the four subgraphs as their own processes,
// waits until they are healthy, then serves the gateway. Ctrl-C stops everything.
import { type ChildProcess, spawn } from "node:child_process";
import { portFromEnv, type RunningServer } from "@twingraph/kit/http";
import {
  closeDatabases,
  describeSeed,
  openDatabases,
  seed,
  terminalProgress,
  WORLD_FILE_HINT,
} from "@twingraph/seed";
import { GATEWAY_PORT, startGateway } from "./server";
import { SUBGRAPHS, type SubgraphModule } from "./subgraphs";

const HEALTH_TIMEOUT_MS = 60_000;

async function seedIfNeeded(): Promise<void> {
  const databases = await openDatabases();
  try {
    const started = Date.now();
    const result = await seed(databases, { progress: terminalProgress() });
    console.log(describeSeed(result));
    if (!result.skipped) console.log(`Seeding took ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    if (!result.worldFile) console.log(WORLD_FILE_HINT);
  } finally {
    await closeDatabases(databases);
  }
}

function portOf(subgraph: SubgraphModule): number {
  return portFromEnv(`${subgraph.name.toUpperCase()}_PORT`, subgraph.port);
}

function startSubgraph(subgraph: SubgraphModule): ChildProcess {
  const child = spawn(process.execPath, [subgraph.main], {
    env: { ...process.env, [`${subgraph.name.toUpperCase()}_PORT`]: String(portOf(subgraph)) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return child;
}

async function waitUntilHealthy(subgraph: SubgraphModule, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  const url = `http://localhost:${portOf(subgraph)}/health`;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`The ${subgraph.name} subgraph exited with code ${child.exitCode}.`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `The ${subgraph.name} subgraph did not answer ${url} within ${HEALTH_TIMEOUT_MS / 1000} s.`,
  );
}

async function main(): Promise<void> {
  await seedIfNeeded();
  const children = SUBGRAPHS.map((subgraph) => ({ subgraph, child: startSubgraph(subgraph) }));
  let gateway: RunningServer | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const { child } of children) child.kill("SIGTERM");
    await gateway?.close();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  for (const { subgraph, child } of children) {
    child.on("exit", (code) => {
      if (stopping) return;
      console.error(`The ${subgraph.name} subgraph stopped (exit code ${code}); stopping everything.`);
      void stop(1);
    });
  }
  try {
    await Promise.all(children.map(({ subgraph, child }) => waitUntilHealthy(subgraph, child)));
    const gatewayPort = portFromEnv("GATEWAY_PORT", GATEWAY_PORT);
    gateway = await startGateway(gatewayPort);
    console.log(`\ntwingraph is ready: http://localhost:${gateway.port}/graphql  (Ctrl-C stops everything)`);
    console.log(`A query page: http://localhost:${gateway.port}/`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
  }
}

void main();
