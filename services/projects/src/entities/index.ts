// The tables this subgraph owns (and the revision, staged edits and versions every subgraph database keeps).
import { DataRevision, editingEntities } from "@twingraph/kit/subgraph";
import { Programme } from "./programme.entity";
import { Project } from "./project.entity";
import { ProjectCity } from "./project-city.entity";
import { ProjectPartnership } from "./project-partnership.entity";

export { Programme } from "./programme.entity";
export { Money, PartnerRole, Project, ProjectPartner, type ProjectPartnerRecord } from "./project.entity";
export { ProjectCity } from "./project-city.entity";
export { ProjectPartnership } from "./project-partnership.entity";
export { CityRef, cityRef, PartnershipRef } from "./refs";
export const projectEntities = [
  Programme,
  Project,
  ProjectCity,
  ProjectPartnership,
  DataRevision,
  ...editingEntities,
];
