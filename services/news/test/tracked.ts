// Test data written as the seed writes it: in one transaction that belongs to a changeset, so that
// ingest.ts's upserts can keep history (the kit's trackChanges refuses writes outside a changeset).
import { newChangesetId, setChangeContext } from "@twingraph/kit/subgraph";
import type { DataSource, EntityManager } from "typeorm";

const author = { id: "test-seed", name: "Test seed" };
export const TEST_SEED = { changesetId: newChangesetId(author.id), author };

export function writeTracked<T>(db: DataSource, write: (manager: EntityManager) => Promise<T>): Promise<T> {
  return db.transaction((manager) => {
    setChangeContext(manager, TEST_SEED);
    return write(manager);
  });
}
