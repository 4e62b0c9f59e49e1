// Batched lookups of projects, programmes and project places: one statement per kind per request.
import { byKey, groupedByKey, type SubgraphContext } from "@twingraph/kit";
import { In } from "typeorm";
import { Programme } from "../entities/programme.entity";
import { Project } from "../entities/project.entity";
import { ProjectCity } from "../entities/project-city.entity";

export function projectLoader(context: SubgraphContext) {
  return context.loaders.get<string, Project | null>("project", async (ids) => {
    const rows = await context.db.getRepository(Project).findBy({ id: In([...ids]) });
    return byKey(ids, rows, (project) => project.id);
  });
}

export function programmeLoader(context: SubgraphContext) {
  return context.loaders.get<string, Programme | null>("programme", async (ids) => {
    const rows = await context.db.getRepository(Programme).findBy({ id: In([...ids]) });
    return byKey(ids, rows, (programme) => programme.id);
  });
}

/** City ids of each project, in the source's order. */
export function projectCityIdsLoader(context: SubgraphContext) {
  return context.loaders.get<string, string[]>("project.cityIds", async (projectIds) => {
    const rows = await context.db
      .getRepository(ProjectCity)
      .find({ where: { projectId: In([...projectIds]) }, order: { position: "ASC" } });
    return groupedByKey(projectIds, rows, (row) => row.projectId).map((group) =>
      group.map((row) => row.cityId),
    );
  });
}

/** Project ids each city takes part in. */
export function cityProjectIdsLoader(context: SubgraphContext) {
  return context.loaders.get<string, string[]>("city.projectIds", async (cityIds) => {
    const rows = await context.db
      .getRepository(ProjectCity)
      .find({ where: { cityId: In([...cityIds]) }, order: { projectId: "ASC" } });
    return groupedByKey(cityIds, rows, (row) => row.cityId).map((group) => group.map((row) => row.projectId));
  });
}
