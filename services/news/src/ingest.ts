// The news subgraph's one write path, for the seed and imports (run by the seed's writeGraph, which
// moves the database's revision on afterwards): news items, visits and events upserted by id, their
// link rows rewritten with them, so running the same import twice leaves the same tables.
import { chunks, insertRows } from "@twingraph/kit/subgraph";
import { type SourceRecord } from "@twingraph/kit/text";
import { type EntityManager, In } from "typeorm";
import { Event } from "./entities/event.entity";
import { EventCity } from "./entities/event-city.entity";
import { NewsItem } from "./entities/news-item.entity";
import { NewsItemCity } from "./entities/news-item-city.entity";
import { NewsItemProject } from "./entities/news-item-project.entity";
import { type PersonRecord, Visit } from "./entities/visit.entity";
import { VisitCity, visitCityRows } from "./entities/visit-city.entity";

export interface NewsItemInput {
  id: string;
  title: string;
  summary?: string | null;
  publishedOn?: string | null;
  language: string;
  publisher?: string | null;
  url?: string | null;
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

/** Ids in their first order, each once: a repeated id would break the link table's primary key. */
function positioned(ids: readonly string[]): { id: string; position: number }[] {
  return [...new Set(ids)].map((id, position) => ({ id, position }));
}

export async function upsertNewsItems(
  manager: EntityManager,
  inputs: readonly NewsItemInput[],
): Promise<void> {
  const repository = manager.getRepository(NewsItem);
  for (const batch of chunks(inputs)) {
    const ids = batch.map((input) => input.id);
    await repository.save(
      batch.map(({ cityIds: _cityIds, projectIds: _projectIds, ...input }) =>
        repository.create({
          ...input,
          summary: input.summary ?? null,
          publishedOn: input.publishedOn ?? null,
          publisher: input.publisher ?? null,
          url: input.url ?? null,
        }),
      ),
      { reload: false },
    );
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
}

export async function upsertVisits(manager: EntityManager, inputs: readonly VisitInput[]): Promise<void> {
  const repository = manager.getRepository(Visit);
  for (const batch of chunks(inputs)) {
    await repository.save(
      batch.map(({ visitorCityIds: _visitorCityIds, delegation, hosts, ...input }) =>
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
  }
}

export async function upsertEvents(manager: EntityManager, inputs: readonly EventInput[]): Promise<void> {
  const repository = manager.getRepository(Event);
  for (const batch of chunks(inputs)) {
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
}
