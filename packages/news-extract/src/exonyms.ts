// Names the region's news uses for towns that neither GeoNames' cities500 nor the graph knows by
// that name: each one a documented exonym or official second name, mapped to the name the
// gazetteer and the graph use. Kept short on purpose: most exonyms (Beljak, Celovec, Trst, Dunaj,
// Gradec, Milje) are GeoNames alternate names already, and only those missing there belong here.
import { nameKey, nameStem } from "@twingraph/kit/text";

interface Exonym {
  /** the name as the texts write it (nominative) */
  exonym: string;
  /** the place's name in the gazetteer and the graph */
  name: string;
  /** where the name is documented */
  source: string;
}

const EXONYMS: readonly Exonym[] = [
  {
    exonym: "Doberdob",
    name: "Doberdò del Lago",
    source: "Slovene name of the bilingual comune (Italian statute; Wikipedia: Doberdò del Lago)",
  },
  {
    exonym: "Čedad",
    name: "Cividale del Friuli",
    source: "Slovene exonym (Wikipedia: Cividale del Friuli; Slovenski pravopis)",
  },
  {
    exonym: "Špeter",
    name: "San Pietro al Natisone",
    source: "Slovene name of the comune (Wikipedia: San Pietro al Natisone)",
  },
  {
    exonym: "East Sarajevo",
    name: "Istočno Sarajevo",
    source: "English name of the city (Wikipedia: East Sarajevo; the city's own English pages)",
  },
];

/** The exonym's key and stem -> the key of the name it stands for. */
const BY_FORM = new Map<string, string>(
  EXONYMS.flatMap(({ exonym, name }) => [
    [nameKey(exonym), nameKey(name)],
    [nameStem(exonym), nameKey(name)],
  ]),
);

/** The key of the place name an exonym form stands for ("doberdobu" -> "doberdo del lago"), if any. */
export function exonymKey(form: string): string | undefined {
  return BY_FORM.get(form);
}
