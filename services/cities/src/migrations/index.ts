// The cities schema's migrations on PostgreSQL, oldest first: one per change of the entities.
import { CitiesBaseline1795247628000 } from "./0001-baseline.migration";
import { CitiesDataRevision1795910400000 } from "./0002-data-revision.migration";
import { CitiesEditing1796515200000 } from "./0003-editing.migration";

export const cityMigrations = [
  CitiesBaseline1795247628000,
  CitiesDataRevision1795910400000,
  CitiesEditing1796515200000,
];
