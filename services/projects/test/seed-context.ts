// Writes in tests belong to a changeset like every write: a fictional seed changeset.
import { setChangeContext } from "@twingraph/kit/subgraph";
import type { DataSource, EntityManager } from "typeorm";

export const SEED_CHANGESET = "cs_test_seed";

/** Runs `write` in one transaction marked as the test seed's changeset. */
export function seedWrite<T>(db: DataSource, write: (manager: EntityManager) => Promise<T>): Promise<T> {
  return db.transaction((manager) => {
    setChangeContext(manager, {
      changesetId: SEED_CHANGESET,
      author: { id: "test-seed", name: "Test seed" },
    });
    return write(manager);
  });
}
