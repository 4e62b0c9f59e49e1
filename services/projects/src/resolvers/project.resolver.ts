// Queries over projects and programmes, and the project fields that need a lookup.
import { checkFirst, checkOffset, RecordRank, type SubgraphContext } from "@twingraph/kit/subgraph";
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { Programme } from "../entities/programme.entity";
import { Project } from "../entities/project.entity";
import { ProjectCity } from "../entities/project-city.entity";
import { CityRef, cityRef } from "../entities/refs";
import { programmeLoader, projectCityIdsLoader, projectLoader } from "./projects.loaders";

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { nullable: true, description: "a project, deprecated or not" })
  project(@Arg("id", () => ID) id: string, @Ctx() context: SubgraphContext): Promise<Project | null> {
    return projectLoader(context).load(id);
  }

  @Query(() => [Project], { description: "projects, the latest start first" })
  async projects(
    @Arg("cityId", () => ID, { nullable: true }) cityId: string | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg("offset", () => Int, { nullable: true, defaultValue: 0 }) offset: number,
    @Arg("includeDeprecated", () => Boolean, { nullable: true, defaultValue: false })
    includeDeprecated: boolean,
    @Ctx() context: SubgraphContext,
  ): Promise<Project[]> {
    checkFirst(first);
    checkOffset(offset);
    const query = context.db.getRepository(Project).createQueryBuilder("p");
    if (!includeDeprecated) query.andWhere("p.rank = :normal", { normal: RecordRank.NORMAL });
    // a subquery, not the city's project ids as parameters: a city may take part in more projects
    // than a statement can list
    if (cityId)
      query.andWhere(
        `p.id IN ${query.subQuery().select("pc.projectId").from(ProjectCity, "pc").where("pc.cityId = :cityId").getQuery()}`,
        { cityId },
      );
    return query.orderBy("p.start", "DESC").addOrderBy("p.id", "ASC").take(first).skip(offset).getMany();
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
