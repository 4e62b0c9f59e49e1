// The tables this subgraph owns.
import { City } from "./city.entity";
import { CityName } from "./city-name.entity";

export { City } from "./city.entity";
export { CityName, type CityNameKind, cityName } from "./city-name.entity";
export const cityEntities = [City, CityName];
