// The internal step ingestNews takes here (served beside the change routes, behind the gateway
// secret): whether a text was ingested before, by its url or its content hash, so that ingesting an
// item twice changes nothing. An applied item answers first (deprecated ones too: seen is seen),
// then one proposed in a changeset not yet applied or rejected.
import { HttpError } from "@twingraph/kit/http";
import { type JsonStep, StagedEdit, stepFields } from "@twingraph/kit/subgraph";
import { NEWS_LOOKUP_PATHS } from "@twingraph/kit/text";
import { type DataSource, type EntityManager, In } from "typeorm";
import { NewsItem } from "./entities/news-item.entity";

/** `POST /changes/news-seen { url, contentHash }` → `{ newsItemId }`, null when neither was seen. */
export function newsSeenRoutes(db: DataSource): Record<string, JsonStep> {
  const path = NEWS_LOOKUP_PATHS.newsSeen;
  return {
    [path]: async (body) => {
      const fields = stepFields(path, body);
      const { url, contentHash } = fields;
      if (typeof contentHash !== "string" || contentHash === "")
        throw new HttpError(400, "BAD_REQUEST", `${path}: "contentHash" must be a non-empty string.`);
      if (url !== null && url !== undefined && typeof url !== "string")
        throw new HttpError(400, "BAD_REQUEST", `${path}: "url" must be a string or null.`);
      return { newsItemId: await seenNewsItem(db.manager, url || null, contentHash) };
    },
  };
}

export async function seenNewsItem(
  manager: EntityManager,
  url: string | null,
  contentHash: string,
): Promise<string | null> {
  const items = manager.getRepository(NewsItem);
  const applied = await items.findOne({
    select: { id: true },
    where: url ? [{ contentHash }, { url }] : [{ contentHash }],
    order: { id: "ASC" },
  });
  if (applied) return applied.id;
  return proposedNewsItem(manager, url, contentHash);
}

/** A news item a changeset proposes to create, not yet applied, with this url or text. */
async function proposedNewsItem(
  manager: EntityManager,
  url: string | null,
  contentHash: string,
): Promise<string | null> {
  const proposed = await manager.getRepository(StagedEdit).find({
    select: { recordId: true, values: true },
    where: { entity: "NewsItem", op: "CREATE", state: In(["STAGED", "PREPARED"]) },
    order: { id: "ASC" },
  });
  const same = proposed.find(
    ({ values }) => values.contentHash === contentHash || (url !== null && values.url === url),
  );
  return same?.recordId ?? null;
}
