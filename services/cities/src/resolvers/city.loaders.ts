// Batched lookups of cities and their names, one statement per kind per request.
import { groupedByKey, recordLoader, type SubgraphContext } from "@twingraph/kit";
import { In } from "typeorm";
import { City } from "../entities/city.entity";
import { CityName } from "../entities/city-name.entity";

export function cityLoader(context: SubgraphContext) {
  return recordLoader(context, City, "city");
}

export function aliasLoader(context: SubgraphContext) {
  return context.loaders.get<string, CityName[]>("city.aliases", async (cityIds) => {
    const rows = await context.db
      .getRepository(CityName)
      .find({ where: { cityId: In([...cityIds]), kind: "alias" }, order: { rowId: "ASC" } });
    return groupedByKey(cityIds, rows, (name) => name.cityId);
  });
}
