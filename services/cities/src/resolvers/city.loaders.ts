// Batched lookups of cities and their names, one statement per kind per request: the data access of
// this subgraph's hot reads, as plain rows (the kit's plain-rows.ts and sql.ts).
import {
  findPlain,
  groupedByKey,
  recordLoader,
  type SubgraphContext,
  selectRows,
} from "@twingraph/kit/subgraph";
import { City } from "../entities/city.entity";
import { CityName } from "../entities/city-name.entity";
import type { LanguageName } from "./name-in-language";

/** The kinds of name a place's aliases are made of. */
const ALIAS_KINDS = ["alias", "gazetteer"];

export function cityLoader(context: SubgraphContext) {
  return recordLoader(context, City, "city");
}

export function aliasLoader(context: SubgraphContext) {
  return context.loaders.get<string, CityName[]>("city.aliases", async (cityIds) => {
    const rows = await findPlain(context.db, CityName, {
      by: "cityId",
      keys: cityIds,
      where: { kind: ALIAS_KINDS },
      order: { rowId: "ASC" },
    });
    return groupedByKey(cityIds, rows, (name) => name.cityId).map(withoutRepeats);
  });
}

/** A gazetteer name that a source also gives is listed once, as the source has it (with its language). */
function withoutRepeats(names: CityName[]): CityName[] {
  const seen = new Set<string>();
  return names
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "alias" ? -1 : 1))
    .filter((name) => {
      if (seen.has(name.name)) return false;
      seen.add(name.name);
      return true;
    });
}

/**
 * Each place's aliases in one language (a primary subtag: "sl" takes "sl" and "sl-Latn"), as
 * aliasLoader lists them: sources' aliases before gazetteer names ("alias" sorts before
 * "gazetteer"), each in the order it was stored, a name left out where an earlier alias already
 * gives it. The filter runs in SQL: a place has dozens of gazetteer names, nearly none with a language.
 */
export function namesInLanguageLoader(context: SubgraphContext, language: string) {
  return context.loaders.get<string, LanguageName[]>(`city.namesIn.${language}`, async (cityIds) => {
    const rows = await selectRows<LanguageName & { cityId: string }>(
      context.db,
      (sql) => `SELECT n."cityId", n."name", n."language" FROM ${sql.table("city_name")} n
        WHERE n."cityId" ${sql.in(cityIds)} AND n."kind" ${sql.in(ALIAS_KINDS)}
          AND (lower(n."language") = ${sql.param(language)} OR lower(n."language") LIKE ${sql.param(`${language}-%`)})
          AND NOT EXISTS (
            SELECT 1 FROM ${sql.table("city_name")} e
            WHERE e."cityId" = n."cityId" AND e."name" = n."name" AND e."kind" ${sql.in(ALIAS_KINDS)}
              AND (e."kind" < n."kind" OR (e."kind" = n."kind" AND e."rowId" < n."rowId")))
        ORDER BY n."kind" ASC, n."rowId" ASC`,
    );
    return groupedByKey(cityIds, rows, (row) => row.cityId);
  });
}
