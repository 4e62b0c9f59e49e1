// The data_revision table that every subgraph now keeps (agreements had it already).
import { dataRevisionMigration } from "@twingraph/kit/subgraph";

export const CitiesDataRevision1795910400000 = dataRevisionMigration("CitiesDataRevision1795910400000");
