// One valid call of every mutation of the composed API, on the seeded graph (the Kranj–Villach
// records where the sources allow): the arguments, who makes the call, who may not, and what it
// answers. The refusal matrix derives every refused call from these, so a mutation without an entry
// here fails it.

import { labelledExcerpts } from "../news-feed";
import type { Account, Accounts, ChangesetState, EditingClient, RecordRef } from "./client";
import { NEVER_APPLIED, SOURCES } from "./sources";

export interface CallWorld {
  client: EditingClient;
  accounts: Accounts;
}

/** A mutation that stages an edit in a changeset: the author stages it in a changeset of their own. */
export interface EntityCall {
  kind: "entity";
  /** the record it names, whose current version the call gives; null for a create */
  record: RecordRef | null;
  /** its arguments besides changesetId and version */
  args: Record<string, unknown>;
  /** what the staged edit says of itself */
  expect: { entity: string; op: string; recordId?: string };
}

/** A step of a changeset's life, on a changeset made for the call. */
export interface ChangesetCall {
  kind: "changeset";
  caller: keyof Accounts;
  args(world: CallWorld): Promise<Record<string, unknown>>;
  /** an account whose role, or relation to the changeset, does not let it make the call; or why none has */
  wrongRole: { account: keyof Accounts } | { none: string };
  expect(
    args: Record<string, unknown>,
    accounts: Accounts,
  ): Partial<ChangesetState> | Record<string, unknown>;
}

export type MutationCall = EntityCall | ChangesetCall;

const city = (id: string): RecordRef => ({ field: "city", id });
const partnership = (id: string): RecordRef => ({ field: "partnership", id });
const agreement = (id: string): RecordRef => ({ field: "agreement", id });
const project = (id: string): RecordRef => ({ field: "project", id });
const visit = (id: string): RecordRef => ({ field: "visit", id });
const newsItem = (id: string): RecordRef => ({ field: "newsItem", id });
const event = (id: string): RecordRef => ({ field: "event", id });

const VILLACH = "at-villach";
/** a labelled news excerpt the valid ingestNews call reads: the Slovene day in Villach, Kranj's twin town */
const NEWS_EXCERPT = "sl-06";
const KRANJ_VILLACH = "p-kranj-villach";
const MOSCOW_PROGRAMME = "a-ljubljana-moscow-programme-2019-2021";
const CITY_COOPERATION_PROJECT = "proj-city-cooperation";
const COAL_EXCHANGE_PROJECT = "proj-velenje-pljevlja-coal-exchange";
const VILLACH_VISIT = "v-villach-kranj-2016-02-25";
const KRANJ_NEWS = "n-kranj-villach-2016-02-25";
const DAYS_OF_LJUBLJANA = "e-days-of-ljubljana-in-moscow-2020";

function create(entity: string, args: Record<string, unknown>): EntityCall {
  return { kind: "entity", record: null, args, expect: { entity, op: "CREATE" } };
}

function update(entity: string, record: RecordRef, args: Record<string, unknown>): EntityCall {
  return { kind: "entity", record, args, expect: { entity, op: "UPDATE", recordId: record.id } };
}

function deprecate(entity: string, record: RecordRef, source = SOURCES.since2008): EntityCall {
  return {
    kind: "entity",
    record,
    args: { id: record.id, reason: NEVER_APPLIED, source },
    expect: { entity, op: "DEPRECATE", recordId: record.id },
  };
}

/** A changeset of the author's with one staged edit (the news item's date), open. */
async function authorsChangesetWithAnEdit({ client, accounts }: CallWorld, comment: string): Promise<string> {
  const id = await client.open(accounts.author, comment);
  await stage(client, accounts.author, id, "updateNewsItem");
  return id;
}

export const MUTATION_CALLS: Record<string, MutationCall> = {
  createCity: create("City", { input: { name: "Malmö", countryCode: "SE" }, source: SOURCES.malmo }),
  updateCity: update("City", city(VILLACH), {
    id: VILLACH,
    input: { aliases: [{ name: "Beljak", language: "sl" }] },
    source: SOURCES.villachVisit,
  }),
  deprecateCity: deprecate("City", city(VILLACH)),

  createPartnership: create("Partnership", {
    input: { kind: "COOPERATION", status: "ACTIVE", cityIds: ["si-velenje", "ba-lukavac"] },
    source: SOURCES.coalTownsBilateral,
  }),
  updatePartnership: update("Partnership", partnership(KRANJ_VILLACH), {
    id: KRANJ_VILLACH,
    input: { since: "2008" },
    source: SOURCES.since2008,
  }),
  deprecatePartnership: deprecate("Partnership", partnership(KRANJ_VILLACH)),

  createAgreement: create("Agreement", {
    input: {
      title: "Cooperation agreement between Kranj and Villach",
      kind: "COOPERATION_AGREEMENT",
      partnershipId: KRANJ_VILLACH,
      signedOn: "2026-11-20",
    },
    source: SOURCES.newAgreement,
  }),
  updateAgreement: update("Agreement", agreement(MOSCOW_PROGRAMME), {
    id: MOSCOW_PROGRAMME,
    input: { signedOn: "2019-09-10" },
    source: SOURCES.signedInMoscow,
  }),
  deprecateAgreement: deprecate("Agreement", agreement(MOSCOW_PROGRAMME), SOURCES.signedInMoscow),

  createProject: create("Project", {
    input: {
      title: "Čezmejni projekti, v katere je Beljak že vključen",
      partners: [
        { name: "Mestna občina Kranj", role: "PARTNER", cityId: "si-kranj" },
        { name: "Beljak", role: "PARTNER", cityId: VILLACH },
      ],
      partnershipIds: [KRANJ_VILLACH],
    },
    source: SOURCES.crossBorder,
  }),
  updateProject: update("Project", project(CITY_COOPERATION_PROJECT), {
    id: CITY_COOPERATION_PROJECT,
    input: { totalBudget: { amount: 1_800_000, currency: "EUR" } },
    source: SOURCES.budget,
  }),
  deprecateProject: deprecate("Project", project(CITY_COOPERATION_PROJECT), SOURCES.budget),
  linkProjectToPartnership: update("Project", project(CITY_COOPERATION_PROJECT), {
    projectId: CITY_COOPERATION_PROJECT,
    partnershipId: "p-city-cooperation",
    source: SOURCES.cityCooperation,
  }),
  // undoes the deliberate mistake of applyHistory
  unlinkProjectFromPartnership: update("Project", project(COAL_EXCHANGE_PROJECT), {
    projectId: COAL_EXCHANGE_PROJECT,
    partnershipId: "p-coal-towns",
    source: SOURCES.coalExchange,
  }),

  createVisit: create("Visit", {
    input: {
      date: "2019-09-10",
      hostCityId: "ru-moscow",
      visitorCityIds: ["si-ljubljana"],
      delegation: [{ name: "Zoran Janković", role: "župan Mestne občine Ljubljana", cityId: "si-ljubljana" }],
      hosts: [{ name: "Sergej Sobjanin", role: "župan Moskve", cityId: "ru-moscow" }],
      purpose: "Podpis Programa sodelovanja v obdobju 2019–2021",
    },
    source: SOURCES.signedInMoscow,
  }),
  updateVisit: update("Visit", visit(VILLACH_VISIT), {
    id: VILLACH_VISIT,
    input: {
      purpose:
        "Okrepiti sodelovanje na gospodarskem področju in področju inovativnih tehnologij pri delovanju mestne uprave.",
    },
    source: SOURCES.visitPurpose,
  }),
  deprecateVisit: deprecate("Visit", visit(VILLACH_VISIT), SOURCES.villachVisit),
  linkVisitToPartnership: update("Visit", visit(VILLACH_VISIT), {
    visitId: VILLACH_VISIT,
    partnershipId: KRANJ_VILLACH,
    source: SOURCES.villachVisit,
  }),
  // undoes the deliberate mistake of applyHistory
  unlinkVisitFromPartnership: update("Visit", visit(VILLACH_VISIT), {
    visitId: VILLACH_VISIT,
    partnershipId: "p-city-cooperation",
    source: SOURCES.villachVisit,
  }),

  createNewsItem: create("NewsItem", {
    input: {
      title: "Drsališče Velenje vabi na brezplačno drsanje za vse generacije",
      summary: SOURCES.skating.quote,
      language: "sl",
      cityIds: ["si-velenje"],
    },
    source: SOURCES.skating,
  }),
  updateNewsItem: update("NewsItem", newsItem(KRANJ_NEWS), {
    id: KRANJ_NEWS,
    input: { publishedOn: "2016-02-25" },
    source: SOURCES.newsDate,
  }),
  deprecateNewsItem: deprecate("NewsItem", newsItem(KRANJ_NEWS)),

  createEvent: create("Event", {
    input: {
      title: "Kranj and Villach sign a new cooperation agreement",
      date: "2026-11-20",
      planned: false,
      cityIds: ["si-kranj", VILLACH],
    },
    source: SOURCES.newAgreement,
  }),
  updateEvent: update("Event", event(DAYS_OF_LJUBLJANA), {
    id: DAYS_OF_LJUBLJANA,
    input: { date: "2020-05" },
    source: SOURCES.daysOfLjubljana,
  }),
  deprecateEvent: deprecate("Event", event(DAYS_OF_LJUBLJANA), SOURCES.daysOfLjubljana),

  openChangeset: {
    kind: "changeset",
    caller: "author",
    args: async () => ({ comment: "Kranj and Villach: a new cooperation agreement" }),
    wrongRole: { none: "every role may open a changeset: contributor is the lowest" },
    expect: (_, accounts) => ({ status: "OPEN", kind: "EDIT", authorName: accounts.author.name }),
  },
  submitChangeset: {
    kind: "changeset",
    caller: "author",
    args: async (world) => ({ id: await authorsChangesetWithAnEdit(world, "the news item's date") }),
    // an editor sees the changeset, but only its author submits it
    wrongRole: { account: "editor" },
    expect: () => ({ status: "SUBMITTED" }),
  },
  applyChangeset: {
    kind: "changeset",
    caller: "editor",
    args: async (world) => {
      const id = await authorsChangesetWithAnEdit(world, "the news item's date, to apply");
      await world.client.submit(world.accounts.author, id);
      return { id };
    },
    wrongRole: { account: "author" },
    expect: (_, accounts) => ({ status: "APPLIED", reviewerName: accounts.editor.name }),
  },
  rejectChangeset: {
    kind: "changeset",
    caller: "editor",
    args: async (world) => {
      const id = await authorsChangesetWithAnEdit(world, "the news item's date, to reject");
      await world.client.submit(world.accounts.author, id);
      return { id, comment: "The date is there already." };
    },
    wrongRole: { account: "author" },
    expect: (_, accounts) => ({ status: "REJECTED", reviewerName: accounts.editor.name }),
  },
  commentOnChangeset: {
    kind: "changeset",
    caller: "author",
    args: async (world) => ({
      id: await authorsChangesetWithAnEdit(world, "the news item's date, discussed"),
      text: "The date line of the page says 25 February 2016.",
    }),
    wrongRole: { none: "every role may comment on a changeset it may see: contributor is the lowest" },
    expect: () => ({ status: "OPEN" }),
  },
  ingestNews: {
    kind: "changeset",
    caller: "author",
    args: async () => {
      const excerpt = labelledExcerpts().find((candidate) => candidate.id === NEWS_EXCERPT);
      if (!excerpt) throw new Error(`test/fixtures/news has no ${NEWS_EXCERPT}`);
      return { text: excerpt.text, url: excerpt.url };
    },
    wrongRole: { none: "every role may ingest news: contributor is the lowest" },
    expect: (_, accounts) => ({
      changeset: { status: "OPEN", kind: "EDIT", authorName: accounts.author.name },
      duplicateOf: null,
    }),
  },
  revertChangeset: {
    kind: "changeset",
    caller: "editor",
    args: async ({ client, accounts }) => {
      const id = await client.open(accounts.editor, "the Days of Ljubljana's month, to revert");
      await stage(client, accounts.editor, id, "updateEvent");
      await client.apply(accounts.editor, id);
      return { id, comment: "Reverted by the refusal tests." };
    },
    wrongRole: { account: "author" },
    expect: (args) => ({ status: "APPLIED", kind: "REVERT", revertOf: args.id as string }),
  },
};

export function entityCall(name: string): EntityCall {
  const call = MUTATION_CALLS[name];
  if (call?.kind !== "entity") throw new Error(`${name} is not an entity mutation of the table`);
  return call;
}

/** The entity call's valid arguments in the changeset, with the record's current version. */
export async function entityArgs(
  client: EditingClient,
  call: EntityCall,
  changesetId: string,
): Promise<Record<string, unknown>> {
  const version = call.record ? { version: await client.version(call.record) } : {};
  return { changesetId, ...call.args, ...version };
}

/** Stages the table's valid call of an entity mutation in the changeset; as another mutation when named. */
export async function stage(
  client: EditingClient,
  account: Account,
  changesetId: string,
  name: string,
  mutation = name,
): Promise<void> {
  await client.must(account, mutation, await entityArgs(client, entityCall(name), changesetId));
}

/**
 * What the table's calls build on, applied by the editor: two deliberate mistakes for the unlink
 * calls to undo (the coal towns' exchange linked to the three towns' partnership rather than
 * Velenje–Pljevlja's; the Villach visit to the City Cooperation partnership, which has neither
 * town), then every update of the table, so that every record a call names has a version before
 * its current one: the stale version of the refusals is one it really had.
 */
export async function applyHistory({ client, accounts }: CallWorld): Promise<void> {
  const { editor } = accounts;
  const mistakes = await client.open(editor, "test setup: two wrong links, for the unlink calls to undo");
  await stage(client, editor, mistakes, "unlinkProjectFromPartnership", "linkProjectToPartnership");
  await stage(client, editor, mistakes, "unlinkVisitFromPartnership", "linkVisitToPartnership");
  await client.apply(editor, mistakes);
  const updates = await client.open(editor, "test setup: every update of the refusal table");
  for (const name of Object.keys(MUTATION_CALLS).filter((name) => name.startsWith("update")))
    await stage(client, editor, updates, name);
  await client.apply(editor, updates);
}
