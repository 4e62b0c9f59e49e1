// The stack `npm start` runs on one machine: every subgraph of the manifest and the gateway, each as
// its own process, as they deploy, sharing one gateway secret (GATEWAY_SECRET, else the one kept in
// the data directory). The gateway is started by its entry point, never imported.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { readSubgraphManifest, type SubgraphEntry } from "@twingraph/kit/manifest";
import {
  defaultDataDir,
  gatewaySecretFromEnv,
  generateGatewaySecret,
  portFromEnv,
  shutdownGraceFromEnv,
} from "@twingraph/kit/settings";
import { seedState, WORLD_FILE_HINT } from "@twingraph/seed/state";
import { capitalized, fromChildProcess, type SupervisedProcess, Supervisor } from "./supervisor";

export const GATEWAY_PORT = 4000;
/** How long a part may take to be ready (READY_TIMEOUT_MS): a machine under heavy load needs longer. */
const READY_TIMEOUT_MS = Number(process.env.READY_TIMEOUT_MS) || 60_000;
const GATEWAY_READY_LINE = /gateway ready at (\S+)/;
/** what a subgraph prints once it listens (listenSubgraph) */
const SUBGRAPH_READY_LINE = / subgraph ready at \S+/;
/** A part that drains on SIGTERM gets its grace period and this much more before SIGKILL. */
const STOP_MARGIN_MS = 2_000;
/**
 * How often a part starting is asked whether it is ready: a part answers in milliseconds once it
 * listens, and a refused connection before that costs next to nothing.
 */
const READY_POLL_MS = 50;

/** A process of the stack: what runs it and the variables that place it. */
export interface Part {
  /** how messages name it: "the cities subgraph" */
  label: string;
  main: string;
  env: Record<string, string>;
}

export interface SubgraphPart extends Part {
  name: string;
  port: number;
  url: string;
}

/**
 * Seeds the databases unless they hold what seeding would write now. That is told from the seed's
 * fingerprint alone: a later start neither opens the databases nor loads the seeding code.
 */
export async function seedIfNeeded(): Promise<void> {
  const state = seedState();
  if (state.current) console.log("Databases already seeded; nothing to add.");
  else await seedNow();
  if (!state.worldFile) console.log(WORLD_FILE_HINT);
}

async function seedNow(): Promise<void> {
  const { closeDatabases, describeSeed, openDatabases, seed, terminalProgress } = await import(
    "@twingraph/seed"
  );
  const databases = await openDatabases();
  try {
    const started = Date.now();
    console.log(describeSeed(await seed(databases, { progress: terminalProgress() })));
    console.log(`Seeding took ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await closeDatabases(databases);
  }
}

function portVariable(name: string): string {
  return `${name.toUpperCase()}_PORT`;
}

/**
 * The secret every part shares: GATEWAY_SECRET (or GATEWAY_SECRET_FILE) when set, else the one kept
 * in the data directory, made on the first start. It outlives a run because open changesets' ids are
 * signed with it (docs/editing.md): a new secret per run would leave them unable to take edits.
 */
export function stackSecret(dataDir = defaultDataDir()): string {
  const configured = gatewaySecretFromEnv();
  if (configured) return configured;
  const file = path.join(dataDir, "gateway-secret");
  mkdirSync(dataDir, { recursive: true });
  try {
    // "wx": a secret another start made meanwhile is kept, never overwritten
    writeFileSync(file, `${generateGatewaySecret()}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}

/**
 * Each subgraph of the manifest on its <NAME>_PORT, else the manifest's port, on loopback (where
 * subgraphs listen unless HOST says otherwise); run by its package's ./main.
 */
export function subgraphParts(
  secret: string,
  entries: readonly SubgraphEntry[] = readSubgraphManifest(),
): SubgraphPart[] {
  return entries.map((entry) => {
    const port = portFromEnv(portVariable(entry.name), entry.port);
    if (port === 0) throw new Error(`${portVariable(entry.name)} must name a port: the gateway needs it`);
    return {
      name: entry.name,
      label: `the ${entry.name} subgraph`,
      main: require.resolve(`${entry.package}/main`),
      env: { [portVariable(entry.name)]: String(port), GATEWAY_SECRET: secret },
      port,
      url: `http://127.0.0.1:${port}/graphql`,
    };
  });
}

/** How long the gateway waits for the changes subgraph by default: a 1,000-record revert took 3–13 s. */
const CHANGES_TIMEOUT_MS = 120_000;

/** The gateway on GATEWAY_PORT, told where each subgraph listens (CITIES_URL and the like) and their secret. */
export function gatewayPart(subgraphs: readonly SubgraphPart[], secret: string): Part {
  const urls = subgraphs.map((subgraph) => [`${subgraph.name.toUpperCase()}_URL`, subgraph.url]);
  return {
    label: "the gateway",
    main: require.resolve("@twingraph/gateway/main"),
    env: {
      GATEWAY_PORT: String(portFromEnv("GATEWAY_PORT", GATEWAY_PORT)),
      GATEWAY_SECRET: secret,
      // applying or reverting a large changeset (an import's) is one long mutation of the changes subgraph
      CHANGES_TIMEOUT_MS: process.env.CHANGES_TIMEOUT_MS ?? String(CHANGES_TIMEOUT_MS),
      // production mode would turn introspection off, and with it the query page's docs and completion
      INTROSPECTION: process.env.INTROSPECTION ?? "1",
      ...Object.fromEntries(urls),
    },
  };
}

/**
 * What every part runs with unless the environment says otherwise: production settings (Apollo's and
 * graphql-js's production paths, no "Did you mean" suggestions; docs/operations.md).
 */
export const PART_DEFAULTS: Readonly<Record<string, string>> = { NODE_ENV: "production" };

export function spawnPart(part: Part, stdout: "inherit" | "pipe" = "inherit"): ChildProcess {
  return spawn(process.execPath, [part.main], {
    env: { ...PART_DEFAULTS, ...process.env, ...part.env },
    stdio: ["ignore", stdout, "inherit"],
  });
}

function started(part: Part, child: SupervisedProcess): void {
  console.log(`Started ${part.label} (pid ${child.pid}).`);
}

/** A subgraph kept running, and whether its current process says it listens (its /ready is worth asking). */
export interface SupervisedSubgraph {
  supervisor: Supervisor;
  listening(): boolean;
}

/**
 * A subgraph kept running. Its output passes through, watched for "<name> subgraph ready at <url>",
 * after which its /ready is asked; after a restart it says when it answers again.
 */
export function superviseSubgraph(part: SubgraphPart): SupervisedSubgraph {
  let listeningProcess: SupervisedProcess | undefined;
  const listening = () => listeningProcess !== undefined && listeningProcess === supervisor.process;
  const supervisor = new Supervisor({
    label: part.label,
    log: (message) => console.error(message),
    stopTimeoutMs: shutdownGraceFromEnv() + STOP_MARGIN_MS,
    start() {
      const spawned = spawnPart(part, "pipe");
      const child = fromChildProcess(spawned);
      started(part, child);
      passThrough(spawned, SUBGRAPH_READY_LINE, () => {
        listeningProcess = child;
      });
      return child;
    },
    onRestart(child) {
      waitUntilHealthy(part, () => supervisor.process === child, listening).then(
        () => console.log(`${capitalized(part.label)} answers again.`),
        () => undefined,
      );
    },
  });
  return { supervisor, listening };
}

/** Passes the child's output through, calling `found` with the first match of `line` in it. */
function passThrough(child: ChildProcess, line: RegExp, found: (match: RegExpExecArray) => void): void {
  let output: string | undefined = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (output === undefined) return;
    output += chunk.toString();
    const match = line.exec(output);
    if (!match) return;
    output = undefined; // found: nothing more to watch for
    found(match);
  });
}

/**
 * The gateway kept running. Its output passes through, watched for "gateway ready at <url>"; each
 * such line resolves `ready` for the first start and is reported for later ones.
 */
export function superviseGateway(part: Part): { supervisor: Supervisor; ready: Promise<string> } {
  let announce: (url: string) => void = () => undefined;
  const ready = new Promise<string>((resolve) => {
    announce = resolve;
  });
  let first = true;
  const supervisor = new Supervisor({
    label: part.label,
    log: (message) => console.error(message),
    stopTimeoutMs: shutdownGraceFromEnv() + STOP_MARGIN_MS,
    start() {
      const child = spawnPart(part, "pipe");
      const supervised = fromChildProcess(child);
      started(part, supervised);
      passThrough(child, GATEWAY_READY_LINE, ([, url]) => {
        if (first) announce(url);
        else console.log(`The gateway serves again at ${url}.`);
        first = false;
      });
      return supervised;
    },
  });
  return { supervisor, ready };
}

/**
 * Resolves once the subgraph's /ready answers 200, asked only once `listening` says it listens;
 * rejects after a minute or once `alive` says no.
 */
export async function waitUntilHealthy(
  part: SubgraphPart,
  alive: () => boolean = () => true,
  listening: () => boolean = () => true,
): Promise<void> {
  const url = `http://127.0.0.1:${part.port}/ready`;
  await waitFor(part, alive, async () => listening() && (await answersOk(url)));
}

/** A readiness check that has not answered by then counts as not ready. */
const READY_REQUEST_TIMEOUT_MS = 5_000;

/**
 * Whether a GET of `url` answers 2xx; false when nothing listens there (yet). node:http rather than
 * fetch: loading fetch's client (undici) takes half a second of CPU from the parts starting.
 */
function answersOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false }, (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      resolve(status >= 200 && status < 300);
    });
    request.on("error", () => resolve(false));
    request.setTimeout(READY_REQUEST_TIMEOUT_MS, () => request.destroy());
  });
}

/** Resolves with the URL the gateway says it serves; rejects after a minute or once `alive` says no. */
export async function waitUntilServing(
  part: Part,
  ready: Promise<string>,
  alive: () => boolean,
): Promise<string> {
  let url: string | undefined;
  void ready.then((announced) => {
    url = announced;
  });
  await waitFor(part, alive, async () => url !== undefined);
  return url as string;
}

async function waitFor(part: Part, alive: () => boolean, isReady: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await isReady()) return;
    if (!alive()) throw new Error(`${capitalized(part.label)} stopped before it was ready.`);
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
  throw new Error(`${capitalized(part.label)} was not ready within ${READY_TIMEOUT_MS / 1000} s.`);
}
