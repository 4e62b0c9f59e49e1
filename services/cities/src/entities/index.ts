// The tables this subgraph owns.
import { City } from "./city.entity";
import { CityName } from "./city-name.entity";

export { City } from "./city.entity";
export { CityName, cityName, type CityNameKind } from "./city-name.entity";
export const cityEntities = [City, CityName];
