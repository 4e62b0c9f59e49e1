// The projects subgraph's schema: pure, no I/O.
import { buildSubgraph, type Subgraph } from "@twingraph/kit/subgraph";
import { projectsRegistry } from "./editing";
import { PartnershipRef } from "./entities/refs";
import { ProgrammeResolver, ProjectResolver } from "./resolvers/project.resolver";
import { ProjectEditResolver } from "./resolvers/project-edits.resolver";
import { projectsReferenceResolvers } from "./resolvers/projects.reference";
import { CityProjectsResolver, PartnershipProjectsResolver } from "./resolvers/refs.resolver";

export function buildProjectsSubgraph(): Promise<Subgraph> {
  return buildSubgraph({
    resolvers: [
      ProjectResolver,
      ProjectEditResolver,
      ProgrammeResolver,
      CityProjectsResolver,
      PartnershipProjectsResolver,
    ],
    // no field returns a Partnership here, yet the stub must be printed for Partnership.projects
    orphanedTypes: [PartnershipRef],
    referenceResolvers: projectsReferenceResolvers,
    editing: projectsRegistry,
  });
}
