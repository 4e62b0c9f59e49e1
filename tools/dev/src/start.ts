// `npm start`: seeds the databases on first start, runs each subgraph of the manifest and the
// gateway as processes of their own, restarts one that dies (with back-off, saying so) while the
// others keep serving, and stops them all on Ctrl-C. A part that fails before it is ready stops the
// start: that is a setting to fix, not a crash to ride out. With no token keys configured, it makes
// the secret the gateway verifies tokens with and `npm run token` signs them with (.data/jwt-secret).
// `npm start -- --single-process` runs the same parts in this one process instead (single-process.ts).
import { ensureDefaultTokenSecret } from "@twingraph/gateway";
import { runSingleProcess, singleProcessRequested } from "./single-process";
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
    announce(await runSingleProcess([...subgraphs, gatewayProcess], secret));
    return;
  }
  const gateway = superviseGateway(gatewayProcess);
  const supervised = subgraphs.map((part) => ({ part, supervisor: superviseSubgraph(part) }));
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
      supervised.map(({ part, supervisor }) =>
        waitUntilHealthy(part, () => supervisor.process !== undefined),
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
