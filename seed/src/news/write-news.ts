// Planned news edits written through a GraphWriter: checked first by each entity's own validation
// (what a proposed edit passes), then written through the subgraphs' upserts, so that history and
// revisions follow as for every import. All edits of a run are merged first: two documents that
// propose one GeoNames place make one city with both quotes.
import {
  type AgreementInput,
  type AgreementValues,
  agreementsEditing,
  type PartnershipInput,
  type PartnershipValues,
  upsertAgreements,
  upsertPartnerships,
} from "@twingraph/agreements";
import { type CityInput, type CityValues, cityEditRegistry, upsertCities } from "@twingraph/cities";
import type { Gazetteer } from "@twingraph/gazetteer";
import type { EditRegistry } from "@twingraph/kit/subgraph";
import { mergeSources, nameKey, type SourceRecord } from "@twingraph/kit/text";
import {
  type NewsItemInput,
  type NewsItemValues,
  newsEditRegistry,
  upsertNewsItems,
  upsertVisits,
  type VisitInput,
  type VisitValues,
} from "@twingraph/news";
import type { PlannedEdit } from "@twingraph/news-extract";
import type { Databases } from "../databases";
import { enrichment } from "../places";
import type { GraphWriter } from "../write-graph";

/** One edit per record: later plans of a record already planned add their sources to it. */
export function mergeEdits(edits: readonly PlannedEdit[]): PlannedEdit[] {
  const merged = new Map<string, PlannedEdit>();
  for (const edit of edits) {
    const key = `${edit.entity} ${edit.recordId}`;
    const earlier = merged.get(key);
    if (!earlier) {
      merged.set(key, { ...edit, values: { ...edit.values } });
      continue;
    }
    earlier.values.sources = mergeSources(
      earlier.values.sources as SourceRecord[],
      edit.values.sources as SourceRecord[],
    );
  }
  return [...merged.values()];
}

const REGISTRIES: Record<PlannedEdit["subgraph"], EditRegistry> = {
  cities: cityEditRegistry,
  agreements: agreementsEditing,
  news: newsEditRegistry,
};

/** The references a visit or agreement may make to a record the same run creates. */
const REFERENCES: Partial<Record<PlannedEdit["entity"], string[]>> = {
  Visit: ["newsItemId"],
  Agreement: ["partnershipId"],
};

/**
 * Runs each edit's entity validation against the databases as they are (no write yet), as staging
 * would; a reference to a record the run itself creates is taken as known. Returns each refusal as
 * "<entity> <id>: <message>".
 */
export async function checkEdits(databases: Databases, edits: readonly PlannedEdit[]): Promise<string[]> {
  const planned = new Set(edits.map((edit) => edit.recordId));
  const refusals: string[] = [];
  for (const edit of edits) {
    // sources are not a field an edit sets: staging adds its own
    const { sources: _sources, ...values } = edit.values;
    for (const field of REFERENCES[edit.entity] ?? [])
      if (typeof values[field] === "string" && planned.has(values[field])) values[field] = null;
    try {
      await REGISTRIES[edit.subgraph]
        .get(edit.entity)
        .validate?.(databases[edit.subgraph].manager, values, "CREATE", "news-import");
    } catch (error) {
      refusals.push(`${edit.entity} ${edit.recordId}: ${(error as Error).message}`);
    }
  }
  return refusals;
}

/** Writes the edits, one transaction per subgraph: cities, then agreements, then news. */
export async function writeNewsEdits(
  writer: GraphWriter,
  edits: readonly PlannedEdit[],
  gazetteer: Gazetteer,
): Promise<void> {
  const of = <V>(entity: PlannedEdit["entity"]) =>
    edits
      .filter((edit) => edit.entity === entity)
      .map((edit) => ({ id: edit.recordId, ...(edit.values as V) }));
  const cities = of<CityValues>("City").map((city) => withGazetteerNames(city, gazetteer));
  const partnerships = of<PartnershipValues>("Partnership");
  const agreements = of<AgreementValues>("Agreement");
  const newsItems = of<NewsItemValues>("NewsItem");
  const visits = of<VisitValues>("Visit");
  if (cities.length > 0) await writer.write("cities", (manager) => upsertCities(manager, cities));
  if (partnerships.length + agreements.length > 0)
    await writer.write("agreements", async (manager) => {
      await upsertPartnerships(manager, partnerships satisfies PartnershipInput[]);
      await upsertAgreements(manager, agreements satisfies AgreementInput[]);
    });
  if (newsItems.length + visits.length > 0)
    await writer.write("news", async (manager) => {
      await upsertNewsItems(manager, newsItems satisfies NewsItemInput[]);
      await upsertVisits(manager, visits satisfies VisitInput[]);
    });
}

/** A new GeoNames place keeps its other names, as the gazetteer's places do in every import: searchable. */
function withGazetteerNames(city: CityInput, gazetteer: Gazetteer): CityInput {
  const place = gazetteer.byKey(nameKey(city.name)).find((found) => found.geonameId === city.geonameId);
  return place ? { ...city, gazetteerNames: enrichment(place).gazetteerNames } : city;
}
