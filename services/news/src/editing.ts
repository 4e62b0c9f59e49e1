// What the kit needs to edit visits, news items and events: each record's editable values as plain
// JSON (read from its row and link rows), how to write them back through ingest.ts, and the checks
// an edit passes before it is staged.
import {
  badUserInput,
  checkIdList,
  checkListLength,
  checkNonEmpty,
  type EditableEntity,
  type EditOp,
  EditRegistry,
  findInBatches,
  groupedByKey,
  proposedInChangeset,
  type RecordValues,
} from "@twingraph/kit/subgraph";
import { isIsoDate } from "@twingraph/kit/text";
import { type EntityManager, In } from "typeorm";
import { Event } from "./entities/event.entity";
import { EventCity } from "./entities/event-city.entity";
import { NewsItem } from "./entities/news-item.entity";
import { NewsItemCity } from "./entities/news-item-city.entity";
import { NewsItemProject } from "./entities/news-item-project.entity";
import { type PersonRecord, Visit } from "./entities/visit.entity";
import { VisitCity, VisitRole } from "./entities/visit-city.entity";
import { VisitPartnership } from "./entities/visit-partnership.entity";
import {
  type EventValues,
  type NewsItemValues,
  type VisitValues,
  writeEvent,
  writeNewsItem,
  writeVisit,
} from "./ingest";
import { NEWS } from "./server";

/** A person with every field present, so that the same person always reads as the same JSON. */
export function personRecord(person: PersonRecord): PersonRecord {
  return {
    name: person.name,
    role: person.role ?? null,
    organisation: person.organisation ?? null,
    cityId: person.cityId ?? null,
  };
}

/** Each parent's linked ids in their stored order. */
async function linkedIds<T extends { position: number }>(
  ids: readonly string[],
  find: (batch: string[]) => Promise<T[]>,
  parentOf: (row: T) => string,
  linkOf: (row: T) => string,
): Promise<Map<string, string[]>> {
  const rows = (await findInBatches(ids, find)).sort((a, b) => a.position - b.position);
  const groups = groupedByKey(ids, rows, parentOf);
  return new Map(ids.map((id, index) => [id, groups[index].map(linkOf)]));
}

async function visitSnapshot(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, VisitValues>> {
  const visits = await findInBatches(ids, (batch) => manager.getRepository(Visit).findBy({ id: In(batch) }));
  const present = visits.map((visit) => visit.id);
  const visitors = await linkedIds(
    present,
    (batch) => manager.getRepository(VisitCity).findBy({ visitId: In(batch), role: VisitRole.VISITOR }),
    (row) => row.visitId,
    (row) => row.cityId,
  );
  const partnerships = await linkedIds(
    present,
    (batch) => manager.getRepository(VisitPartnership).findBy({ visitId: In(batch) }),
    (row) => row.visitId,
    (row) => row.partnershipId,
  );
  return new Map(
    visits.map((visit) => [
      visit.id,
      {
        date: visit.date,
        hostCityId: visit.hostCityId,
        visitorCityIds: visitors.get(visit.id) ?? [],
        delegation: visit.delegationRecords.map(personRecord),
        hosts: visit.hostRecords.map(personRecord),
        purpose: visit.purpose,
        outcomes: visit.outcomes,
        newsItemId: visit.newsItemId,
        partnershipIds: partnerships.get(visit.id) ?? [],
        sources: visit.sources,
      },
    ]),
  );
}

async function newsItemSnapshot(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, NewsItemValues>> {
  const items = await findInBatches(ids, (batch) =>
    manager.getRepository(NewsItem).findBy({ id: In(batch) }),
  );
  const present = items.map((item) => item.id);
  const cities = await linkedIds(
    present,
    (batch) => manager.getRepository(NewsItemCity).findBy({ newsItemId: In(batch) }),
    (row) => row.newsItemId,
    (row) => row.cityId,
  );
  const projects = await linkedIds(
    present,
    (batch) => manager.getRepository(NewsItemProject).findBy({ newsItemId: In(batch) }),
    (row) => row.newsItemId,
    (row) => row.projectId,
  );
  return new Map(
    items.map((item) => [
      item.id,
      {
        title: item.title,
        summary: item.summary,
        publishedOn: item.publishedOn,
        language: item.language,
        publisher: item.publisher,
        url: item.url,
        text: item.text,
        contentHash: item.contentHash,
        cityIds: cities.get(item.id) ?? [],
        projectIds: projects.get(item.id) ?? [],
        sources: item.sources,
      },
    ]),
  );
}

async function eventSnapshot(
  manager: EntityManager,
  ids: readonly string[],
): Promise<Map<string, EventValues>> {
  const events = await findInBatches(ids, (batch) => manager.getRepository(Event).findBy({ id: In(batch) }));
  const cities = await linkedIds(
    events.map((event) => event.id),
    (batch) => manager.getRepository(EventCity).findBy({ eventId: In(batch) }),
    (row) => row.eventId,
    (row) => row.cityId,
  );
  return new Map(
    events.map((event) => [
      event.id,
      {
        title: event.title,
        date: event.date,
        placeCityId: event.placeCityId,
        planned: event.planned,
        description: event.description,
        projectId: event.projectId,
        agreementId: event.agreementId,
        cityIds: cities.get(event.id) ?? [],
        sources: event.sources,
      },
    ]),
  );
}

// Checks of one field each, run for the fields an edit names (a CREATE names them all). Errors
// name the mutation's argument: `input.date`.

type FieldCheck = (value: unknown, argument: string) => void | Promise<void>;

function required(check: FieldCheck): FieldCheck {
  return (value, argument) => {
    if (value === null || value === undefined) throw badUserInput(argument, "must not be null");
    return check(value, argument);
  };
}

function optional(check: FieldCheck): FieldCheck {
  return (value, argument) => (value === null || value === undefined ? undefined : check(value, argument));
}

const nothingMore: FieldCheck = () => undefined;

const text: FieldCheck = (value, argument) => {
  checkNonEmpty(value as string, argument);
};

const date: FieldCheck = (value, argument) => {
  if (!isIsoDate(value as string))
    throw badUserInput(
      argument,
      `must be an ISO 8601 date such as "2008", "2008-05" or "2008-05-22", got "${value}"`,
    );
};

/** A well-formed BCP 47 tag ("sl", "sr-Latn", "de-AT"), as the platform's Intl parses them. */
const language: FieldCheck = (value, argument) => {
  try {
    Intl.getCanonicalLocales(value as string);
  } catch {
    throw badUserInput(argument, `must be a BCP 47 language tag such as "sl" or "sr-Latn", got "${value}"`);
  }
};

function idList(minimum: number): FieldCheck {
  return (value, argument) => {
    checkListLength(value as string[], argument);
    checkIdList(value as string[], argument, minimum);
  };
}

const texts: FieldCheck = (value, argument) => {
  for (const item of checkListLength(value as string[], argument)) checkNonEmpty(item, argument);
};

const people: FieldCheck = (value, argument) => {
  for (const person of checkListLength(value as PersonRecord[], argument)) {
    checkNonEmpty(person.name, `${argument}.name`);
    if (person.cityId !== null && person.cityId !== undefined)
      checkNonEmpty(person.cityId, `${argument}.cityId`);
  }
};

/** A news item that exists, or that the same changeset proposes to create. */
function newsItemExists(manager: EntityManager, changesetId: string): FieldCheck {
  return async (value, argument) => {
    const id = value as string;
    const known =
      (await manager.getRepository(NewsItem).existsBy({ id })) ||
      (await proposedInChangeset(manager, changesetId, "NewsItem", id));
    if (!known) throw badUserInput(argument, `names no news item: "${value}"`);
  };
}

// `sources` is not an argument: an edit adds its own source, which the kit checks.
type Checks<V> = Record<Exclude<keyof V, "sources"> & string, FieldCheck>;

/** Runs the checks of the fields `values` names; a CREATE must name every required one. */
async function checkFields<V extends RecordValues>(
  checks: Checks<V>,
  values: Partial<V>,
  op: EditOp,
): Promise<void> {
  const all = checks as Record<string, FieldCheck>;
  const named = Object.keys(values).filter((field) => field in all);
  if (op === "UPDATE" && named.length === 0)
    throw badUserInput("input", "must name at least one field to change");
  for (const field of op === "CREATE" ? Object.keys(all) : named)
    await all[field](values[field], `input.${field}`);
}

function visitChecks(manager: EntityManager, changesetId: string): Checks<VisitValues> {
  return {
    date: required(date),
    hostCityId: required(text),
    visitorCityIds: required(idList(1)),
    delegation: required(people),
    hosts: required(people),
    purpose: optional(nothingMore),
    outcomes: required(texts),
    newsItemId: optional(newsItemExists(manager, changesetId)),
    partnershipIds: required(idList(0)),
  };
}

const newsItemChecks: Checks<NewsItemValues> = {
  title: required(text),
  summary: optional(nothingMore),
  publishedOn: optional(date),
  language: required(language),
  publisher: optional(nothingMore),
  url: optional(text),
  text: optional(text),
  contentHash: optional(text),
  cityIds: required(idList(0)),
  projectIds: required(idList(0)),
};

const eventChecks: Checks<EventValues> = {
  title: required(text),
  date: optional(date),
  placeCityId: optional(text),
  planned: required(nothingMore),
  description: optional(nothingMore),
  projectId: optional(text),
  agreementId: optional(text),
  cityIds: required(idList(0)),
};

export const visitEditable: EditableEntity<VisitValues> = {
  name: "Visit",
  target: Visit,
  snapshot: visitSnapshot,
  // through a function: ingest.ts keeps history with this registry, so each module needs the other
  write: (manager, id, values) => writeVisit(manager, id, values),
  validate: (manager, values, op, changesetId) => checkFields(visitChecks(manager, changesetId), values, op),
};

export const newsItemEditable: EditableEntity<NewsItemValues> = {
  name: "NewsItem",
  target: NewsItem,
  snapshot: newsItemSnapshot,
  write: (manager, id, values) => writeNewsItem(manager, id, values),
  validate: async (_manager, values, op) => checkFields(newsItemChecks, values, op),
};

export const eventEditable: EditableEntity<EventValues> = {
  name: "Event",
  target: Event,
  snapshot: eventSnapshot,
  write: (manager, id, values) => writeEvent(manager, id, values),
  validate: async (_manager, values, op) => checkFields(eventChecks, values, op),
};

/** The news subgraph's editable entities, for the kit: staging, applying, history. */
export const newsEditRegistry = new EditRegistry(NEWS.name, [visitEditable, newsItemEditable, eventEditable]);
