// All source-derived seed bundles, one per document in ../shared/sources (000–004): the
// Ljubljana–Moscow programme, the coal towns agreement, City Cooperation, French–Serbian
// partnerships and the Kranj–Villach visit.
import { cityCooperation } from "./city-cooperation";
import { coalTowns } from "./coal-towns";
import { frenchSerbian } from "./french-serbian";
import { kranjVillach } from "./kranj-villach";
import { ljubljanaMoscow } from "./ljubljana-moscow";
import type { SourceBundle } from "./types";

export const sourceBundles: SourceBundle[] = [
  ljubljanaMoscow,
  coalTowns,
  cityCooperation,
  frenchSerbian,
  kranjVillach,
];
