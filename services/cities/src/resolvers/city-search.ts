// Name search over primary names, local names and aliases, free of case and diacritics; the best
// match first: whole name, then name start, then word start, then anywhere in the name.
import { nameKey } from "@twingraph/kit";
import type { DataSource } from "typeorm";
import { CityName } from "../entities/city-name.entity";

export interface CityMatch {
  cityId: string;
  score: number;
}

const CANDIDATE_LIMIT = 2000;

export async function searchCityIds(
  db: DataSource,
  name: string,
  countryCode: string | undefined,
  first: number,
): Promise<CityMatch[]> {
  const key = nameKey(name);
  if (key === "") return [];
  const query = db
    .getRepository(CityName)
    .createQueryBuilder("n")
    .select(['n.cityId AS "cityId"', 'n.key AS "key"', 'n.kind AS "kind"'])
    // keys hold only letters, digits and spaces, so they need no LIKE escaping
    .where("n.key LIKE :pattern", { pattern: `%${key}%` })
    .limit(CANDIDATE_LIMIT);
  if (countryCode) query.innerJoin("n.city", "c").andWhere("c.countryCode = :countryCode", { countryCode });
  const rows: { cityId: string; key: string; kind: string }[] = await query.getRawMany();
  const best = new Map<string, number>();
  for (const row of rows) {
    const score = matchScore(key, row.key, row.kind);
    if (score > (best.get(row.cityId) ?? 0)) best.set(row.cityId, score);
  }
  return [...best]
    .map(([cityId, score]) => ({ cityId, score }))
    .sort((a, b) => b.score - a.score || a.cityId.localeCompare(b.cityId))
    .slice(0, first);
}

/** 1 for the whole name; less for partial matches, and less the more of the name is left over. */
function matchScore(query: string, candidate: string, kind: string): number {
  const primaryBonus = kind === "name" ? 0.02 : 0;
  if (candidate === query) return 0.98 + primaryBonus;
  const coverage = query.length / candidate.length;
  if (candidate.startsWith(query)) return 0.6 + 0.3 * coverage + primaryBonus;
  if (candidate.includes(` ${query}`)) return 0.5 + 0.3 * coverage + primaryBonus;
  return 0.2 + 0.3 * coverage + primaryBonus;
}
