// What this subgraph adds to City and Partnership: the projects they take part in, deprecated ones
// left out. Each is nullable (docs/api-policy.md): with this subgraph down, the gateway nulls these
// fields alone, not the entity.
import {
  loadLists,
  loadPresent,
  RecordRank,
  type SubgraphContext,
  sharedByAtLeast,
} from "@twingraph/kit/subgraph";
import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import { Project } from "../entities/project.entity";
import { CityRef, PartnershipRef } from "../entities/refs";
import { cityProjectIdsLoader, partnershipProjectIdsLoader, projectLoader } from "./projects.loaders";

@Resolver(() => CityRef)
export class CityProjectsResolver {
  @FieldResolver(() => [Project], { nullable: true })
  async projects(@Root() city: CityRef, @Ctx() context: SubgraphContext): Promise<Project[]> {
    const ids = await cityProjectIdsLoader(context).load(city.id);
    return current(await loadPresent(projectLoader(context), ids));
  }
}

@Resolver(() => PartnershipRef)
export class PartnershipProjectsResolver {
  @Directive('@requires(fields: "cities { id }")')
  @FieldResolver(() => [Project], {
    nullable: true,
    description:
      "projects that involve two or more of its cities (its one city, where it names only one), and those linked to it",
  })
  async projects(@Root() partnership: PartnershipRef, @Ctx() context: SubgraphContext): Promise<Project[]> {
    const cityIds = partnership.cities.map((city) => city.id);
    const [perCity, linked] = await Promise.all([
      loadLists(cityProjectIdsLoader(context), cityIds),
      partnershipProjectIdsLoader(context).load(partnership.id),
    ]);
    const shared = sharedByAtLeast(perCity, Math.min(2, cityIds.length));
    const ids = [...new Set([...shared, ...linked])].sort();
    return current(await loadPresent(projectLoader(context), ids));
  }
}

/** Deprecated projects are found by id alone. */
function current(projects: readonly Project[]): Project[] {
  return projects.filter((project) => project.rank !== RecordRank.DEPRECATED);
}
