// The data_revision table that every subgraph now keeps (agreements had it already).
import { dataRevisionMigration } from "@twingraph/kit/subgraph";

export const NewsDataRevision1795910400000 = dataRevisionMigration("NewsDataRevision1795910400000");
