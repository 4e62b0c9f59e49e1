// The news subgraph's one write path: news items, visits and events upserted by id, their link rows
// rewritten with them, so running the same import twice leaves the same tables. The seed and imports
// call the upserts (inside writeGraph, which marks the transaction with its changeset and moves the
// database's revision on afterwards), which keep each record's history; applied edits call the
// write* functions, whose versions the kit keeps. Writing a news item writes its search index row.
import { chunks, insertRows, trackChanges } from "@twingraph/kit/subgraph";
import { type SourceRecord } from "@twingraph/kit/text";
import { type EntityManager, In } from "typeorm";
import { newsEditRegistry } from "./editing";
import { Event } from "./entities/event.entity";
import { EventCity } from "./entities/event-city.entity";
import { NewsItem } from "./entities/news-item.entity";
import { NewsItemCity } from "./entities/news-item-city.entity";
import { NewsItemProject } from "./entities/news-item-project.entity";
import { type PersonRecord, Visit } from "./entities/visit.entity";
import { VisitCity, visitCityRows } from "./entities/visit-city.entity";
import { VisitPartnership } from "./entities/visit-partnership.entity";
import { indexNewsItems } from "./search/search-index";

export interface NewsItemInput {
  id: string;
  title: string;
  summary?: string | null;
  publishedOn?: string | null;
  language: string;
  publisher?: string | null;
  url?: string | null;
  /** the stored text, which proposed facts' offsets point into; absent for items transcribed by hand */
  text?: string | null;
  /** sha256 of the text, normalised: how an ingested text is recognised again */
  contentHash?: string | null;
  cityIds: string[];
  projectIds: string[];
  sources: SourceRecord[];
}

export interface VisitInput {
  id: string;
  date: string;
  hostCityId: string;
  visitorCityIds: string[];
  delegation: PersonRecord[];
  hosts: PersonRecord[];
  purpose?: string | null;
  outcomes: string[];
  newsItemId?: string | null;
  /** explicit links to partnerships; absent keeps the links the visit has (sources rarely name them) */
  partnershipIds?: string[];
  sources: SourceRecord[];
}

export interface EventInput {
  id: string;
  title: string;
  date?: string | null;
  placeCityId?: string | null;
  planned: boolean;
  cityIds: string[];
  description?: string | null;
  projectId?: string | null;
  agreementId?: string | null;
  sources: SourceRecord[];
}

/** A news item's whole editable state: what history keeps and an applied edit writes. */
export type NewsItemValues = Required<Omit<NewsItemInput, "id">>;
/** A visit's whole editable state: what history keeps and an applied edit writes. */
export type VisitValues = Required<Omit<VisitInput, "id">>;
/** An event's whole editable state: what history keeps and an applied edit writes. */
export type EventValues = Required<Omit<EventInput, "id">>;

/** Ids in their first order, each once: a repeated id would break the link table's primary key. */
function positioned(ids: readonly string[]): { id: string; position: number }[] {
  return [...new Set(ids)].map((id, position) => ({ id, position }));
}

/** Each id once, for history: an input may name a record twice, the later one winning. */
function distinctIds(inputs: readonly { id: string }[]): string[] {
  return [...new Set(inputs.map((input) => input.id))];
}

export async function upsertNewsItems(
  manager: EntityManager,
  inputs: readonly NewsItemInput[],
): Promise<void> {
  for (const batch of chunks(inputs))
    await trackChanges(manager, "NewsItem", newsEditRegistry, distinctIds(batch), () =>
      saveNewsItems(manager, batch),
    );
}

export async function upsertVisits(manager: EntityManager, inputs: readonly VisitInput[]): Promise<void> {
  for (const batch of chunks(inputs))
    await trackChanges(manager, "Visit", newsEditRegistry, distinctIds(batch), () =>
      saveVisits(manager, batch),
    );
}

export async function upsertEvents(manager: EntityManager, inputs: readonly EventInput[]): Promise<void> {
  for (const batch of chunks(inputs))
    await trackChanges(manager, "Event", newsEditRegistry, distinctIds(batch), () =>
      saveEvents(manager, batch),
    );
}

/** Writes one news item's whole editable state, its places and projects included. */
export function writeNewsItem(manager: EntityManager, id: string, values: NewsItemValues): Promise<void> {
  return saveNewsItems(manager, [{ ...values, id }]);
}

/** Writes one visit's whole editable state, its places and partnership links included. */
export function writeVisit(manager: EntityManager, id: string, values: VisitValues): Promise<void> {
  return saveVisits(manager, [{ ...values, id }]);
}

/** Writes one event's whole editable state, its places included. */
export function writeEvent(manager: EntityManager, id: string, values: EventValues): Promise<void> {
  return saveEvents(manager, [{ ...values, id }]);
}

// The saves below never name version, rank or deprecationReason: an insert takes their defaults and
// an update leaves them, for the kit to move.

async function saveNewsItems(manager: EntityManager, batch: readonly NewsItemInput[]): Promise<void> {
  const repository = manager.getRepository(NewsItem);
  const ids = batch.map((input) => input.id);
  const items = batch.map(({ cityIds: _cityIds, projectIds: _projectIds, ...input }) =>
    repository.create({
      ...input,
      summary: input.summary ?? null,
      publishedOn: input.publishedOn ?? null,
      publisher: input.publisher ?? null,
      url: input.url ?? null,
      text: input.text ?? null,
      contentHash: input.contentHash ?? null,
    }),
  );
  await repository.save(items, { reload: false });
  await indexNewsItems(manager, items);
  await manager.getRepository(NewsItemCity).delete({ newsItemId: In(ids) });
  await manager.getRepository(NewsItemProject).delete({ newsItemId: In(ids) });
  await insertRows(
    manager,
    NewsItemCity,
    batch.flatMap((input) =>
      positioned(input.cityIds).map(({ id, position }) => ({ newsItemId: input.id, cityId: id, position })),
    ),
  );
  await insertRows(
    manager,
    NewsItemProject,
    batch.flatMap((input) =>
      positioned(input.projectIds).map(({ id, position }) => ({
        newsItemId: input.id,
        projectId: id,
        position,
      })),
    ),
  );
}

async function saveVisits(manager: EntityManager, batch: readonly VisitInput[]): Promise<void> {
  const repository = manager.getRepository(Visit);
  await repository.save(
    batch.map(
      ({ visitorCityIds: _visitorCityIds, partnershipIds: _partnershipIds, delegation, hosts, ...input }) =>
        repository.create({
          ...input,
          delegationRecords: delegation,
          hostRecords: hosts,
          purpose: input.purpose ?? null,
          newsItemId: input.newsItemId ?? null,
        }),
    ),
    { reload: false },
  );
  await manager.getRepository(VisitCity).delete({ visitId: In(batch.map((input) => input.id)) });
  await insertRows(
    manager,
    VisitCity,
    batch.flatMap((input) => visitCityRows(input.id, input.hostCityId, input.visitorCityIds)),
  );
  await saveVisitPartnerships(manager, batch);
}

/** Rewrites the partnership links of the visits that name theirs; the others keep what they have. */
async function saveVisitPartnerships(manager: EntityManager, batch: readonly VisitInput[]): Promise<void> {
  const linked = batch.filter((input) => input.partnershipIds !== undefined);
  if (linked.length === 0) return;
  await manager.getRepository(VisitPartnership).delete({ visitId: In(linked.map((input) => input.id)) });
  await insertRows(
    manager,
    VisitPartnership,
    linked.flatMap((input) =>
      positioned(input.partnershipIds ?? []).map(({ id, position }) => ({
        visitId: input.id,
        partnershipId: id,
        position,
      })),
    ),
  );
}

async function saveEvents(manager: EntityManager, batch: readonly EventInput[]): Promise<void> {
  const repository = manager.getRepository(Event);
  await repository.save(
    batch.map(({ cityIds: _cityIds, ...input }) =>
      repository.create({
        ...input,
        date: input.date ?? null,
        placeCityId: input.placeCityId ?? null,
        description: input.description ?? null,
        projectId: input.projectId ?? null,
        agreementId: input.agreementId ?? null,
      }),
    ),
    { reload: false },
  );
  await manager.getRepository(EventCity).delete({ eventId: In(batch.map((input) => input.id)) });
  await insertRows(
    manager,
    EventCity,
    batch.flatMap((input) =>
      positioned(input.cityIds).map(({ id, position }) => ({ eventId: input.id, cityId: id, position })),
    ),
  );
}
