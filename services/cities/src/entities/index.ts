// The tables this subgraph owns (and the revision every subgraph database keeps).
import { DataRevision } from "@twingraph/kit/subgraph";
import { City } from "./city.entity";
import { CityName } from "./city-name.entity";

export { City } from "./city.entity";
export { CityName, type CityNameKind, cityName } from "./city-name.entity";
export const cityEntities = [City, CityName, DataRevision];
