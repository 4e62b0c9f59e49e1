// Each subgraph database's revision: one row that the seed's writeGraph moves on after every write
// to that database. The subgraph answers it at GET /revision, so a gateway on another machine knows
// when its cached answers are stale; readers in the subgraph (the agreements network) compare it too.
import { randomInt } from "node:crypto";
import { Column, type DataSource, Entity, type EntityManager, PrimaryColumn } from "typeorm";

/** The table agreements kept its partnerships' counter in; every subgraph now has one. */
@Entity("data_revision")
export class DataRevision {
  @PrimaryColumn("text")
  name!: string;

  @Column("integer")
  value!: number;
}

/** The row of the database's data (agreements once had a "partnerships" row, no longer read). */
const DATA_ROW = "data";

/** The database's revision: 0 before its first write. One primary-key read. */
export async function readRevision(manager: EntityManager): Promise<number> {
  return (await manager.getRepository(DataRevision).findOneBy({ name: DATA_ROW }))?.value ?? 0;
}

/**
 * Where a database's first revision starts: at random, so that a database deleted and seeded again
 * does not count through the same revisions as before, which gateways would take for the old data.
 */
function firstRevision(): number {
  return randomInt(1, 2 ** 30);
}

/** Moves the revision on by one, atomically, so two writers never both leave the same value. */
export async function advanceRevision(manager: EntityManager): Promise<void> {
  await manager
    .createQueryBuilder()
    .insert()
    .into(DataRevision)
    .values({ name: DATA_ROW, value: firstRevision() })
    .orIgnore()
    .execute();
  await manager.getRepository(DataRevision).increment({ name: DATA_ROW }, "value", 1);
}

/**
 * The version of data held in databases this process has open, for a gateway that runs its
 * subgraphs in process (tests, benchmarks): their revisions, read afresh on every call.
 */
export function databaseRevisions(databases: Readonly<Record<string, DataSource>>): {
  current(): Promise<string | null>;
  close(): Promise<void>;
} {
  return {
    async current() {
      try {
        const names = Object.keys(databases).sort();
        const revisions = await Promise.all(names.map((name) => readRevision(databases[name].manager)));
        return names.map((name, index) => `${name}:${revisions[index]}`).join(",");
      } catch {
        return null;
      }
    },
    async close() {},
  };
}
