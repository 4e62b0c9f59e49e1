// The manifest's subgraphs as processes of their own, each run from its main.ts as it deploys, on
// SQLite files in a directory and free loopback ports; they share nothing with the test's process
// but those files, the gateway secret, and Redis when given one. The changes subgraph reaches the
// others at their <NAME>_URL, as a deployment configures it.
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { readSubgraphManifest } from "@twingraph/kit/manifest";
import { loadSubgraphs } from "@twingraph/kit/subgraph";
import { closeDatabases, type Databases, loadSources } from "@twingraph/seed";
import type { DataSource } from "typeorm";
import { testGatewaySecret } from "../gateway-secret";
import { sqliteFile } from "../harness";
import { freePort } from "../ports";
import { spawnTypeScript } from "../typescript-process";

const ROOT = path.resolve(__dirname, "../../..");
/** A bound for a machine under load, not a speed claim. */
const START_WAIT_MS = 90_000;
const STOP_WAIT_MS = 10_000;

export interface SubgraphProcesses {
  /** each subgraph's /graphql URL, by name */
  urls: Record<string, string>;
  /** what the processes wrote on stdout and stderr, for a failure's message */
  output(): string;
  close(): Promise<void>;
}

/** Each subgraph's SQLite file in the directory, seeded from the sources, then closed. */
export async function seedSqliteDirectory(directory: string): Promise<void> {
  const databases = {} as Record<string, DataSource>;
  for (const { name, module } of await loadSubgraphs())
    databases[name] = await module.open({ url: sqliteFile(directory, name) });
  await loadSources(databases as Databases);
  await closeDatabases(databases as Databases);
}

/** The environment of a deployed subgraph: told where its data is, and nothing else the test knows. */
function deploymentEnv(directory: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _database, REDIS_URL: _redis, TWINGRAPH_DATA_DIR: _dir, ...rest } = process.env;
  return {
    ...rest,
    TWINGRAPH_DATA_DIR: directory,
    GATEWAY_SECRET: testGatewaySecret(),
    HOST: "127.0.0.1",
    ...extra,
  };
}

async function ready(url: string, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`it exited with ${child.exitCode}`);
    const answer = await fetch(new URL("/ready", url)).catch(() => null);
    if (answer?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not ready at ${url} after ${START_WAIT_MS} ms`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), STOP_WAIT_MS);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Starts every subgraph of the manifest on the directory's files; `env` adds REDIS_URL and the like. */
export async function startSubgraphProcesses(
  directory: string,
  env: Record<string, string> = {},
): Promise<SubgraphProcesses> {
  const entries = readSubgraphManifest();
  const ports: Record<string, number> = {};
  for (const { name } of entries) ports[name] = await freePort();
  const urls = Object.fromEntries(
    entries.map(({ name }) => [name, `http://127.0.0.1:${ports[name]}/graphql`]),
  );
  const addresses: Record<string, string> = {};
  for (const { name } of entries) {
    addresses[`${name.toUpperCase()}_PORT`] = String(ports[name]);
    addresses[`${name.toUpperCase()}_URL`] = urls[name] as string;
  }
  let output = "";
  const children = entries.map(({ name }) => {
    const child = spawnTypeScript(path.join(ROOT, `services/${name}/src/main.ts`), [], {
      env: deploymentEnv(directory, { ...addresses, ...env }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const collect = (chunk: Buffer) => {
      output += `[${name}] ${chunk}`;
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    return child;
  });
  const processes: SubgraphProcesses = {
    urls,
    output: () => output,
    close: async () => {
      await Promise.all(children.map(stop));
    },
  };
  const deadline = Date.now() + START_WAIT_MS;
  try {
    await Promise.all(
      entries.map(({ name }, index) =>
        ready(urls[name] as string, children[index] as ChildProcess, deadline).catch((error: unknown) => {
          throw new Error(`the ${name} subgraph did not start: ${error}\n${output}`);
        }),
      ),
    );
  } catch (error) {
    await processes.close();
    throw error;
  }
  return processes;
}
