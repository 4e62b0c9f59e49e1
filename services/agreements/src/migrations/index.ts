// The agreements schema's migrations on PostgreSQL, oldest first: one per change of the entities.
import { AgreementsBaseline1795247628000 } from "./0001-baseline.migration";
import { AgreementsEditing1796515200000 } from "./0003-editing.migration";

export const agreementMigrations = [AgreementsBaseline1795247628000, AgreementsEditing1796515200000];
