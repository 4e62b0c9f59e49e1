// The tables this subgraph owns (and the revision every subgraph database keeps, and the staged
// edits and record versions every editable subgraph keeps).
import { DataRevision, editingEntities } from "@twingraph/kit/subgraph";
import { City } from "./city.entity";
import { CityName } from "./city-name.entity";

export { City } from "./city.entity";
export { CityName, type CityNameKind, cityName } from "./city-name.entity";
export const cityEntities = [City, CityName, DataRevision, ...editingEntities];
