// The one write path of the seed and every import: the work writes through a GraphWriter, one
// transaction per database, then the steps that must follow a write run once: partnership
// distances (when cities or partnerships changed), the revision of every database written, and the
// Redis data version when REDIS_URL is set. Caches key on those (the gateway's answers, the
// agreements network), so a write anywhere makes the next answer fresh everywhere.
import { advanceRedisDataVersion } from "@twingraph/kit/http";
import { advanceRevision } from "@twingraph/kit/subgraph";
import type { EntityManager } from "typeorm";
import type { Databases, SeededSubgraph } from "./databases";
import { measurePartnerships } from "./distances";

export interface GraphWriter {
  readonly databases: Databases;
  /** Runs `write` in one transaction of the named database, which then counts as written. */
  write<T>(name: SeededSubgraph, write: (manager: EntityManager) => Promise<T>): Promise<T>;
}

export interface WriteGraphOptions {
  /** Redis whose data version gateways read; default REDIS_URL, none when unset or null */
  redisUrl?: string | null;
}

/**
 * The steps after a write, each run once per writeGraph (an object, so tests can count the calls).
 * Distances come first: they write partnerships, whose database must then move on too.
 */
export const afterWrite = {
  /** stores the distances that changed; returns how many */
  measureDistances: (writer: GraphWriter): Promise<number> => measurePartnerships(writer),
  advanceRevisions: async (databases: Databases, written: ReadonlySet<SeededSubgraph>): Promise<void> => {
    for (const name of written) await databases[name].transaction(advanceRevision);
  },
  advanceDataVersion: async (redisUrl: string | null): Promise<void> => {
    if (!redisUrl) return;
    try {
      await advanceRedisDataVersion(redisUrl);
    } catch (error) {
      // the data is written; only gateways' cached answers live on, for their max-age at most
      console.warn(`The data version in Redis could not be moved on: ${(error as Error).message}`);
    }
  },
};

/**
 * Runs `work`, then the steps after a write once, when it wrote anything, even when it failed after
 * a write (what was committed must not be hidden by a cache). Its result or its error is passed on.
 */
export async function writeGraph<T>(
  databases: Databases,
  work: (writer: GraphWriter) => Promise<T>,
  options: WriteGraphOptions = {},
): Promise<T> {
  const written = new Set<SeededSubgraph>();
  const writer: GraphWriter = {
    databases,
    async write(name, write) {
      const result = await databases[name].transaction(write);
      written.add(name);
      return result;
    },
  };
  let outcome: { result: T } | { error: unknown };
  try {
    outcome = { result: await work(writer) };
  } catch (error) {
    outcome = { error };
  }
  if (written.size > 0) await runAfterWrite(writer, written, options);
  if ("error" in outcome) throw outcome.error;
  return outcome.result;
}

async function runAfterWrite(
  writer: GraphWriter,
  written: Set<SeededSubgraph>,
  options: WriteGraphOptions,
): Promise<void> {
  if (written.has("cities") || written.has("agreements")) await afterWrite.measureDistances(writer);
  await afterWrite.advanceRevisions(writer.databases, written);
  await afterWrite.advanceDataVersion(redisUrlOf(options));
}

function redisUrlOf(options: WriteGraphOptions): string | null {
  if (options.redisUrl !== undefined) return options.redisUrl;
  return process.env.REDIS_URL || null;
}
