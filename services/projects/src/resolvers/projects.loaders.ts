// Batched lookups of projects, programmes, project places and links: one statement per kind per request.
import { linkLoader, recordLoader, type SubgraphContext } from "@twingraph/kit/subgraph";
import { Programme } from "../entities/programme.entity";
import { Project } from "../entities/project.entity";
import { ProjectCity } from "../entities/project-city.entity";
import { ProjectPartnership } from "../entities/project-partnership.entity";

export function projectLoader(context: SubgraphContext) {
  return recordLoader(context, Project, "project");
}

export function programmeLoader(context: SubgraphContext) {
  return recordLoader(context, Programme, "programme");
}

/** City ids of each project, in the source's order. */
export function projectCityIdsLoader(context: SubgraphContext) {
  return linkLoader(context, ProjectCity, "project.cityIds", {
    from: "projectId",
    to: "cityId",
    order: { position: "ASC" },
  });
}

/** Project ids each city takes part in. */
export function cityProjectIdsLoader(context: SubgraphContext) {
  return linkLoader(context, ProjectCity, "city.projectIds", {
    from: "cityId",
    to: "projectId",
    order: { projectId: "ASC" },
  });
}

/** Project ids an editor linked to each partnership. */
export function partnershipProjectIdsLoader(context: SubgraphContext) {
  return linkLoader(context, ProjectPartnership, "partnership.projectIds", {
    from: "partnershipId",
    to: "projectId",
    order: { projectId: "ASC" },
  });
}
