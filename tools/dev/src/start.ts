// `npm start`: seeds the databases on first start, runs each subgraph of the manifest and the
// gateway as processes of their own, restarts one that dies (with back-off, saying so) while the
// others keep serving, and stops them all on Ctrl-C. A part that fails before it is ready stops the
// start: that is a setting to fix, not a crash to ride out. With no token keys configured, it makes
// the secret the gateway verifies tokens with and `npm run token` signs them with (.data/jwt-secret).
// `npm start -- --single-process` runs the same parts in this one process instead (single-process.ts).
// Only what it needs before spawning is loaded up front (light modules: settings, manifest, the token
// secret's file): the parts load the servers, each in its own process, and start at once.
import { ensureDefaultTokenSecret } from "@twingraph/gateway/keys";
import {
  gatewayPart,
  type SubgraphPart,
  seedIfNeeded,
  stackSecret,
  subgraphParts,
  superviseGateway,
  superviseSubgraph,
  waitUntilHealthy,
  waitUntilServing,
} from "./stack";
import type { Supervisor } from "./supervisor";

async function main(): Promise<void> {
  await seedIfNeeded();
  const tokenSecret = ensureDefaultTokenSecret();
  if (tokenSecret)
    console.log(`Made ${tokenSecret}, the secret of sign-in tokens: npm run token issues them.`);
  const secret = stackSecret();
  const subgraphs = withSubgraphUrls(subgraphParts(secret));
  const gatewayProcess = gatewayPart(subgraphs, secret);
  if (singleProcessRequested()) {
    // the gateway and every subgraph are loaded here only when they run in this process
    const { runSingleProcess } = require("./single-process") as typeof import("./single-process");
    announce(await runSingleProcess([...subgraphs, gatewayProcess], secret));
    return;
  }
  const gateway = superviseGateway(gatewayProcess);
  const supervised = subgraphs.map((part) => ({ part, ...superviseSubgraph(part) }));
  const everything: Supervisor[] = [...supervised.map(({ supervisor }) => supervisor), gateway.supervisor];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(everything.map((supervisor) => supervisor.stop()));
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  try {
    for (const { supervisor } of supervised) supervisor.start();
    // the gateway loads its supergraph from the file, not from the subgraphs: it starts alongside
    // them, and the stack is ready once they answer and it serves
    gateway.supervisor.start();
    await Promise.all(
      supervised.map(({ part, supervisor, listening }) =>
        waitUntilHealthy(part, () => supervisor.process !== undefined, listening),
      ),
    );
    const url = await waitUntilServing(
      gatewayProcess,
      gateway.ready,
      () => gateway.supervisor.process !== undefined,
    );
    announce(url);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await stop(1);
  }
}

/** `--single-process` among the arguments, or TWINGRAPH_SINGLE_PROCESS=1. */
function singleProcessRequested(
  args: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return args.includes("--single-process") || env.TWINGRAPH_SINGLE_PROCESS === "1";
}

function announce(url: string): void {
  console.log(`\ntwingraph is ready: ${url}  (Ctrl-C stops everything)`);
  console.log(`A query page: ${new URL("/", url)}`);
}

/** The changes subgraph applies changesets by calling the others: it hears where they listen, as the gateway does. */
function withSubgraphUrls(parts: SubgraphPart[]): SubgraphPart[] {
  const urls = Object.fromEntries(parts.map((part) => [`${part.name.toUpperCase()}_URL`, part.url]));
  return parts.map((part) => (part.name === "changes" ? { ...part, env: { ...urls, ...part.env } } : part));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
