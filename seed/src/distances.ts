// Partnership distances: the agreements subgraph keeps each two-place partnership's great-circle
// distance so network queries can answer without asking the cities subgraph for coordinates.
// writeGraph runs this after anything that adds partnerships or coordinates; a changeset applied
// through the graph has the changes coordinator measure what it touched, by the same rule.
import { partnershipMembers, setPartnershipDistances } from "@twingraph/agreements";
import { locatedCities } from "@twingraph/cities";
import { partnershipDistanceKm } from "@twingraph/kit/text";
import type { GraphWriter } from "./write-graph";

/** Stores the distances that changed (rounded to 0.1 km by the kit's rule), and says how many. */
export async function measurePartnerships(writer: GraphWriter): Promise<number> {
  const { cities, agreements } = writer.databases;
  const places = new Map((await locatedCities(cities.manager)).map((city) => [city.id, city]));
  const changed = new Map<string, number | null>();
  for (const partnership of await partnershipMembers(agreements.manager)) {
    const distance = partnershipDistanceKm(partnership.cityIds.map((id) => places.get(id)));
    if (distance !== partnership.distanceKm) changed.set(partnership.id, distance);
  }
  if (changed.size > 0)
    await writer.write("agreements", (manager) => setPartnershipDistances(manager, changed));
  return changed.size;
}
