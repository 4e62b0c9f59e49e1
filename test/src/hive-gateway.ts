// Another federation gateway, Hive Gateway, serving the checked-in supergraph in front of our
// subgraphs, configured as an operator would (the config docs/operations.md shows): each subgraph's
// URL and the gateway secret on every fetch. The Hive Gateway test and the benchmark start it.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { GATEWAY_SECRET_HEADER } from "@twingraph/kit/http";
import { REPO_ROOT } from "./gateway-install";
import { freePort } from "./ports";

const HIVE_GATEWAY = path.join(REPO_ROOT, "node_modules", ".bin", "hive-gateway");
const SUPERGRAPH = path.join(REPO_ROOT, "schema", "supergraph.graphql");
const READY_TIMEOUT_MS = 60_000;

/** The Hive Gateway config an operator writes: each subgraph's URL, and the secret on every fetch. */
export function hiveConfig(urls: Record<string, string>, secret: string | undefined): string {
  const transportEntries = Object.fromEntries(
    Object.entries(urls).map(([name, url]) => [name, { location: url }]),
  );
  const headers = secret ? `{ ${JSON.stringify(GATEWAY_SECRET_HEADER)}: ${JSON.stringify(secret)} }` : "{}";
  return `export const gatewayConfig = {
  supergraph: ${JSON.stringify(SUPERGRAPH)},
  transportEntries: ${JSON.stringify(transportEntries)},
  propagateHeaders: { fromClientToSubgraphs: () => (${headers}) },
};
`;
}

export interface RunningHive {
  child: ChildProcess;
  /** its GraphQL endpoint */
  url: string;
}

/** Hive Gateway with `config` (written into `directory`), on `port` (default: a free one), once it is healthy. */
export async function startHive(
  directory: string,
  config: string,
  options: { port?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningHive> {
  const file = path.join(directory, `gateway-${randomBytes(4).toString("hex")}.config.mjs`);
  writeFileSync(file, config);
  const port = options.port ?? (await freePort());
  const child = spawn(
    HIVE_GATEWAY,
    ["supergraph", "--config-path", file, "--port", String(port), "--host", "127.0.0.1"],
    { cwd: directory, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}/graphql`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Hive Gateway exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthcheck`)).ok) return { child, url };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill();
  throw new Error(`Hive Gateway was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output}`);
}
