// Writes in tests belong to a changeset like every write: a fictional seed changeset.
import { newChangesetId, setChangeContext } from "@twingraph/kit/subgraph";
import type { DataSource, EntityManager } from "typeorm";

const SEED_AUTHOR = { id: "test-seed", name: "Test seed" };
export const SEED_CHANGESET = newChangesetId(SEED_AUTHOR.id);

/** Runs `write` in one transaction marked as the test seed's changeset. */
export function seedWrite<T>(db: DataSource, write: (manager: EntityManager) => Promise<T>): Promise<T> {
  return db.transaction((manager) => {
    setChangeContext(manager, { changesetId: SEED_CHANGESET, author: SEED_AUTHOR });
    return write(manager);
  });
}
