// The one write path of the seed and every import: the work writes through a GraphWriter, one
// transaction per database, then the steps that must follow a write run once: partnership
// distances (when cities or partnerships changed), the revision of every database written, and the
// Redis data version when REDIS_URL is set. Caches key on those (the gateway's answers, the
// agreements network), so a write anywhere makes the next answer fresh everywhere.
//
// Every such write is a changeset (kind SEED or IMPORT, applied as it is written, by the importing
// account): its row is recorded in the changes database before the first write, and each
// transaction carries it as its change context, so the versions the subgraphs keep name it and a
// bad import can be reverted as a whole. A write that changed nothing (an import run again) leaves
// no changeset.
import { dropUnchangedImportChangeset, newChangesetId, recordImportChangeset } from "@twingraph/changes";
import { advanceRedisDataVersion } from "@twingraph/kit/http";
import {
  advanceRevision,
  type ChangeContext,
  type Person,
  RecordVersion,
  setChangeContext,
} from "@twingraph/kit/subgraph";
import type { EntityManager } from "typeorm";
import { DATA_SUBGRAPHS, type Databases, type DataSubgraph, type SeededSubgraph } from "./databases";
import { measurePartnerships } from "./distances";

export interface GraphWriter {
  readonly databases: Databases;
  /** Runs `write` in one transaction of the named database, which then counts as written. */
  write<T>(name: DataSubgraph, write: (manager: EntityManager) => Promise<T>): Promise<T>;
}

/** What changeset a write is: who made it and why. */
export interface ChangesetOptions {
  kind: "SEED" | "IMPORT";
  author: Person;
  comment: string;
}

export const SEED_CHANGESET: ChangesetOptions = {
  kind: "SEED",
  author: { id: "seed", name: "twingraph seed" },
  comment: "Seeded from the source documents (and the world twinning file, when present)",
};

export interface WriteGraphOptions {
  /** Redis whose data version gateways read; default REDIS_URL, none when unset or null */
  redisUrl?: string | null;
  /** the changeset this write is recorded as; default SEED_CHANGESET */
  changeset?: ChangesetOptions;
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
  const changeset = changesetRecorder(databases, options.changeset ?? SEED_CHANGESET);
  const writer: GraphWriter = {
    databases,
    async write(name, write) {
      await changeset.willWrite(name);
      written.add("changes");
      const result = await databases[name].transaction((manager) => {
        setChangeContext(manager, changeset.context);
        return write(manager);
      });
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
  if (written.size > 0) await runAfterWrite(writer, written, changeset, options);
  if ("error" in outcome) throw outcome.error;
  return outcome.result;
}

async function runAfterWrite(
  writer: GraphWriter,
  written: Set<SeededSubgraph>,
  changeset: ChangesetRecorder,
  options: WriteGraphOptions,
): Promise<void> {
  if (written.has("cities") || written.has("agreements")) await afterWrite.measureDistances(writer);
  await changeset.done();
  await afterWrite.advanceRevisions(writer.databases, written);
  await afterWrite.advanceDataVersion(redisUrlOf(options));
}

interface ChangesetRecorder {
  readonly context: ChangeContext;
  /**
   * Records the changeset before the first write, and each subgraph before it is first written, so
   * that a write cut short (a crash) still leaves a changeset naming every subgraph it touched.
   */
  willWrite(name: DataSubgraph): Promise<void>;
  /** Records where it changed records; a write that changed nothing is no changeset. */
  done(): Promise<void>;
}

function changesetRecorder(databases: Databases, options: ChangesetOptions): ChangesetRecorder {
  const base = { id: newChangesetId(options.author.id), createdAt: new Date().toISOString(), ...options };
  const touched = new Set<DataSubgraph>();
  const inOrder = (names: ReadonlySet<DataSubgraph>) => DATA_SUBGRAPHS.filter((name) => names.has(name));
  const record = (subgraphs: readonly DataSubgraph[]) =>
    databases.changes.transaction((manager) => recordImportChangeset(manager, { ...base, subgraphs }));
  // one record at a time, each with all the subgraphs known when it runs: the last holds them all
  let recorded: Promise<void> = Promise.resolve();
  return {
    context: { changesetId: base.id, author: options.author },
    willWrite(name) {
      if (!touched.has(name)) {
        touched.add(name);
        recorded = recorded.then(() => record(inOrder(touched)));
      }
      return recorded;
    },
    async done() {
      await recorded;
      const changed = new Set<DataSubgraph>();
      for (const name of touched)
        if (await databases[name].getRepository(RecordVersion).existsBy({ changesetId: base.id }))
          changed.add(name);
      if (changed.size > 0) await record(inOrder(changed));
      else await databases.changes.transaction((manager) => dropUnchangedImportChangeset(manager, base.id));
    },
  };
}

function redisUrlOf(options: WriteGraphOptions): string | null {
  if (options.redisUrl !== undefined) return options.redisUrl;
  return process.env.REDIS_URL || null;
}
