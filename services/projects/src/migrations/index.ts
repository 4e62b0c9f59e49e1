// The projects schema's migrations on PostgreSQL, oldest first: one per change of the entities.
import { ProjectsBaseline1795247628000 } from "./0001-baseline.migration";
import { ProjectsDataRevision1795910400000 } from "./0002-data-revision.migration";
import { ProjectsEditing1796515200000 } from "./0003-editing.migration";

export const projectMigrations = [
  ProjectsBaseline1795247628000,
  ProjectsDataRevision1795910400000,
  ProjectsEditing1796515200000,
];
