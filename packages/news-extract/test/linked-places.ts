// Hand-made linked places for the relation and people tests: each named text found in order, linked
// to a graph city id, so the tests need neither the gazetteer nor D's linker.
import type { LinkedPlace } from "../src/types";

export function linkedAt(text: string, names: [text: string, cityId: string][]): LinkedPlace[] {
  const places: LinkedPlace[] = [];
  let from = 0;
  for (const [name, cityId] of names) {
    const start = text.indexOf(name, from);
    if (start < 0) throw new Error(`"${name}" is not in the text after offset ${from}`);
    from = start + name.length;
    places.push({
      kind: "linked",
      mention: { start, end: from, text: name, keys: [] },
      place: {
        cityId,
        geonameId: null,
        name,
        countryCode: cityId.slice(0, 2).toUpperCase(),
        latitude: null,
        longitude: null,
        population: null,
      },
      confidence: 1,
      how: "single",
    });
  }
  return places;
}
