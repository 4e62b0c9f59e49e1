// What this subgraph adds to City and Partnership: the projects they take part in. Each is nullable
// (docs/api-policy.md): with this subgraph down, the gateway nulls these fields alone, not the entity.
import { loadLists, loadPresent, type SubgraphContext, sharedByAtLeast } from "@twingraph/kit/subgraph";
import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import { Project } from "../entities/project.entity";
import { CityRef, PartnershipRef } from "../entities/refs";
import { cityProjectIdsLoader, projectLoader } from "./projects.loaders";

@Resolver(() => CityRef)
export class CityProjectsResolver {
  @FieldResolver(() => [Project], { nullable: true })
  async projects(@Root() city: CityRef, @Ctx() context: SubgraphContext): Promise<Project[]> {
    const ids = await cityProjectIdsLoader(context).load(city.id);
    return loadPresent(projectLoader(context), ids);
  }
}

@Resolver(() => PartnershipRef)
export class PartnershipProjectsResolver {
  @Directive('@requires(fields: "cities { id }")')
  @FieldResolver(() => [Project], {
    nullable: true,
    description: "projects that involve two or more of its cities (its one city, where it names only one)",
  })
  async projects(@Root() partnership: PartnershipRef, @Ctx() context: SubgraphContext): Promise<Project[]> {
    const cityIds = partnership.cities.map((city) => city.id);
    const perCity = await loadLists(cityProjectIdsLoader(context), cityIds);
    return loadPresent(projectLoader(context), sharedByAtLeast(perCity, Math.min(2, cityIds.length)));
  }
}
