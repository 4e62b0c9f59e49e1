// Batched lookups of cities and their names, one statement per kind per request.
import { findInBatches, groupedByKey, recordLoader, type SubgraphContext } from "@twingraph/kit/subgraph";
import { In } from "typeorm";
import { City } from "../entities/city.entity";
import { CityName } from "../entities/city-name.entity";

export function cityLoader(context: SubgraphContext) {
  return recordLoader(context, City, "city");
}

export function aliasLoader(context: SubgraphContext) {
  return context.loaders.get<string, CityName[]>("city.aliases", async (cityIds) => {
    const rows = await findInBatches(cityIds, (batch) =>
      context.db.getRepository(CityName).find({
        where: { cityId: In(batch), kind: In(["alias", "gazetteer"]) },
        order: { rowId: "ASC" },
      }),
    );
    return groupedByKey(cityIds, rows, (name) => name.cityId).map(withoutRepeats);
  });
}

/** A gazetteer name that a source also gives is listed once, as the source has it (with its language). */
function withoutRepeats(names: CityName[]): CityName[] {
  const seen = new Set<string>();
  return names
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "alias" ? -1 : 1))
    .filter((name) => {
      if (seen.has(name.name)) return false;
      seen.add(name.name);
      return true;
    });
}
