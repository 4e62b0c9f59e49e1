// The changes schema's migrations on PostgreSQL, oldest first: one per change of the entities.
import { ChangesChangesets1797811200000 } from "./0001-changesets.migration";

export const changesMigrations = [ChangesChangesets1797811200000];
