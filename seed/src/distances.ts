// Partnership distances: the agreements subgraph keeps each two-place partnership's great-circle
// distance so network queries can answer without asking the cities subgraph for coordinates. Run
// after anything that adds partnerships or coordinates.
import { partnershipMembers, setPartnershipDistances } from "@twingraph/agreements";
import { City } from "@twingraph/cities";
import { IsNull, Not } from "typeorm";
import type { Databases } from "./databases";
import { distanceKm } from "./gazetteer";

interface Located {
  id: string;
  latitude: number;
  longitude: number;
}

/** Stores the distances that changed, rounded to 0.1 km (the coordinates are no more precise), and says how many. */
export async function measurePartnerships(databases: Databases): Promise<number> {
  const located = (await databases.cities.getRepository(City).find({
    select: { id: true, latitude: true, longitude: true },
    where: { latitude: Not(IsNull()), longitude: Not(IsNull()) },
  })) as Located[];
  const places = new Map(located.map((city) => [city.id, city]));
  const changed = new Map<string, number | null>();
  for (const partnership of await partnershipMembers(databases.agreements.manager)) {
    const [first, second] = partnership.cityIds.map((id) => places.get(id));
    const measurable = partnership.cityIds.length === 2 && first && second;
    const distance = measurable ? Math.round(distanceKm(first, second) * 10) / 10 : null;
    if (distance !== partnership.distanceKm) changed.set(partnership.id, distance);
  }
  await databases.agreements.transaction((manager) => setPartnershipDistances(manager, changed));
  return changed.size;
}
