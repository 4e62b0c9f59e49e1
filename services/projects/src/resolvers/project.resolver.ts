// Queries over projects and programmes, and the project fields that need a lookup.
import { checkFirst, checkOffset, type SubgraphContext } from "@twingraph/kit/subgraph";
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { In } from "typeorm";
import { Programme } from "../entities/programme.entity";
import { Project } from "../entities/project.entity";
import { CityRef, cityRef } from "../entities/refs";
import {
  cityProjectIdsLoader,
  programmeLoader,
  projectCityIdsLoader,
  projectLoader,
} from "./projects.loaders";

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true })
  project(@Arg("id", () => ID) id: string, @Ctx() context: SubgraphContext): Promise<Project | null> {
    return projectLoader(context).load(id);
  }

  @Query(() => [Project], { description: "projects, the latest start first" })
  async projects(
    @Arg("cityId", () => ID, { nullable: true }) cityId: string | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg("offset", () => Int, { nullable: true, defaultValue: 0 }) offset: number,
    @Ctx() context: SubgraphContext,
  ): Promise<Project[]> {
    checkFirst(first);
    checkOffset(offset);
    const ids = cityId ? await cityProjectIdsLoader(context).load(cityId) : undefined;
    return context.db.getRepository(Project).find({
      where: ids ? { id: In(ids) } : {},
      order: { start: "DESC", id: "ASC" },
      take: first,
      skip: offset,
    });
  }

  @FieldResolver(() => Programme, { nullable: true })
  programme(@Root() project: Project, @Ctx() context: SubgraphContext): Promise<Programme | null> | null {
    return project.programmeId ? programmeLoader(context).load(project.programmeId) : null;
  }

  @FieldResolver(() => [CityRef], { description: "the places that take part, as far as they are named" })
  async cities(@Root() project: Project, @Ctx() context: SubgraphContext): Promise<CityRef[]> {
    return (await projectCityIdsLoader(context).load(project.id)).map(cityRef);
  }
}

@Resolver(() => Programme)
export class ProgrammeResolver {
  @Query(() => Programme, { nullable: true })
  programme(@Arg("id", () => ID) id: string, @Ctx() context: SubgraphContext): Promise<Programme | null> {
    return programmeLoader(context).load(id);
  }
}
