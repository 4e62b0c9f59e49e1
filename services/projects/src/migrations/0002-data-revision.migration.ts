// The data_revision table that every subgraph now keeps (agreements had it already).
import { dataRevisionMigration } from "@twingraph/kit/subgraph";

export const ProjectsDataRevision1795910400000 = dataRevisionMigration("ProjectsDataRevision1795910400000");
