// The internal step the changes coordinator takes here after a changeset touched cities or
// partnerships: where these cities are, so that the partnerships between them can be measured
// (served beside the change routes, behind the gateway secret).
import { findInBatches, idListField, type JsonStep, stepFields } from "@twingraph/kit/subgraph";
import { type CityLocation, DISTANCE_PATHS } from "@twingraph/kit/text";
import { type DataSource, type EntityManager, In, IsNull, Not } from "typeorm";
import { City } from "./entities/city.entity";

/** `POST /changes/locations { cityIds }` → `{ locations }`: the located cities among them, deprecated ones too. */
export function locationRoutes(db: DataSource): Record<string, JsonStep> {
  const path = DISTANCE_PATHS.locations;
  return {
    [path]: async (body) => {
      const cityIds = idListField(path, stepFields(path, body), "cityIds");
      return { locations: await cityLocations(db.manager, cityIds) };
    },
  };
}

async function cityLocations(manager: EntityManager, cityIds: readonly string[]): Promise<CityLocation[]> {
  const rows = await findInBatches([...new Set(cityIds)], (batch) =>
    manager.getRepository(City).find({
      select: { id: true, latitude: true, longitude: true },
      where: { id: In(batch), latitude: Not(IsNull()), longitude: Not(IsNull()) },
    }),
  );
  return rows.map(({ id, latitude, longitude }) => ({ id, latitude, longitude }) as CityLocation);
}
