// `npm start -- --single-process` (or TWINGRAPH_SINGLE_PROCESS=1): every subgraph of the manifest and
// the gateway in this one process, for a small deployment. Each part gets the settings it gets as a
// process of its own, so each subgraph still listens on its port, where the changes subgraph's
// internal steps and anyone else reach it; the gateway, over the same supergraph, reaches them in
// process instead (InProcessDataSource), without a socket or a second copy of the answer. Nothing is
// restarted: a crash stops the whole stack, for a service manager to start again.
import { startGateway } from "@twingraph/gateway";
import { logger, portFromEnv, type RunningServer, shutdownOnSignals } from "@twingraph/kit/http";
import { databaseRevisions, loadSubgraphs, type ServedSubgraph } from "@twingraph/kit/subgraph";
import { InProcessDataSource } from "./in-process";
import { GATEWAY_PORT, PART_DEFAULTS, type Part } from "./stack";

interface Served extends ServedSubgraph {
  name: string;
}

/**
 * Serves every subgraph, then the gateway over them, in this process; resolves with the gateway's
 * URL once it answers, and stops everything on SIGTERM or SIGINT: the gateway first, so that the
 * answers under way finish with their subgraphs still there.
 */
export async function runSingleProcess(parts: readonly Part[], secret: string): Promise<string> {
  // what each part would have had as its own process: the defaults (production settings, read when
  // the servers are made, below) unless set, then its ports, URLs, the secret, the gateway's timeouts
  for (const [variable, value] of Object.entries(PART_DEFAULTS)) process.env[variable] ??= value;
  for (const part of parts) Object.assign(process.env, part.env);
  const served: Served[] = [];
  try {
    for (const { name, module } of await loadSubgraphs()) {
      const subgraph = await module.serve(secret).catch((error: unknown) => {
        throw new Error(`The ${name} subgraph could not start: ${messageOf(error)}`);
      });
      served.push({ name, ...subgraph });
    }
    const gateway = await startGateway(
      portFromEnv("GATEWAY_PORT", GATEWAY_PORT),
      {
        dataSources: Object.fromEntries(
          served.map(({ name, schema, db }) => [name, new InProcessDataSource(schema, db)]),
        ),
        // the databases are open here: their revisions are read from them rather than over HTTP
        // (with REDIS_URL the gateway keeps to the Redis key every writer moves)
        dataVersion: process.env.REDIS_URL
          ? undefined
          : databaseRevisions(Object.fromEntries(served.map(({ name, db }) => [name, db]))),
      },
      process.env.HOST || undefined,
    ).catch((error: unknown) => {
      throw new Error(`The gateway could not start: ${messageOf(error)}`);
    });
    // the lines the multi-process start prints, each naming this one process
    for (const { name } of served) console.log(`Started the ${name} subgraph (pid ${process.pid}).`);
    console.log(`Started the gateway (pid ${process.pid}).`);
    console.log("All in this one process: nothing restarts a part that fails, the process stops instead.");
    shutdownOnSignals(drainingInOrder(gateway, served), {
      service: "twingraph",
      release: async () => {
        await Promise.all(served.map((subgraph) => subgraph.release()));
      },
    });
    return gateway.url;
  } catch (error) {
    await Promise.all(served.map((subgraph) => stopNow(subgraph)));
    throw error;
  }
}

/** The gateway's drain, then the subgraphs': nothing the gateway still answers loses a subgraph under it. */
function drainingInOrder(gateway: RunningServer, served: readonly Served[]): Pick<RunningServer, "drain"> {
  return {
    async drain(graceMs) {
      await gateway.drain(graceMs);
      await Promise.all(served.map((subgraph) => subgraph.running.drain(graceMs)));
    },
  };
}

async function stopNow(subgraph: Served): Promise<void> {
  try {
    await subgraph.running.close();
    await subgraph.release();
  } catch (error) {
    logger.warn({ service: subgraph.name, err: error }, "did not stop cleanly");
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
