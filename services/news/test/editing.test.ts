// Editing visits, news items and events in this subgraph alone: each mutation's refusals change
// nothing; a staged edit becomes data only when its changeset is applied (here through the local
// participant's prepare and commit, as the changes subgraph would), with a version and history;
// a visit linked to a partnership is among its visits; deprecated records leave the default reads.
// The facts are those of the Kranj–Villach news page (004_456ee31a02840778.txt), the coal towns' news
// page (001_f0cc4ea257220436.txt) and the Ljubljana–Moscow programme (000_a73b6615ebc0d2bb.txt);
// the records named "wrong" below are deliberately wrong ones, there to be deprecated.
import {
  type ChangeParticipant,
  createContext,
  localParticipant,
  newChangesetId,
  type Viewer,
} from "@twingraph/kit/subgraph";
import { type ExecutionResult, type GraphQLSchema, graphql } from "graphql";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildNewsSubgraph,
  newsEditRegistry,
  openNewsDatabase,
  upsertEvents,
  upsertNewsItems,
  upsertVisits,
} from "../src";
import { TEST_SEED, writeTracked } from "./tracked";

const KRANJ_VILLACH = "004_456ee31a02840778.txt";
const TITLE = "Kranj in Beljak pripravljena na bolj intenzivno sodelovanje";
const LEAD =
  "V Kranju sta se 25. februarja 2016 na delovnem obisku mudili prva podžupanja pobratenega mesta Beljak dr. Petra Oberrauner ter predstavnica za evropsko politiko v tamkajšnji mestni upravi Laura Nemann.";
const PURPOSE =
  "Namen obiska je bil okrepiti sodelovanje na gospodarskem področju in področju inovativnih tehnologij pri delovanju mestne uprave.";
const SINCE_2008 = "Beljak in Kranj imata bratske odnose od leta 2008.";
const COAL_TOWNS = "001_f0cc4ea257220436.txt";
const COAL_TITLE = "Predstavniki premogovnih mest podpisali sporazum o sodelovanju";
const FIRST_EXCHANGE = "Prva izmenjava je načrtovana jeseni 2022.";
const PUBLISHER = "SZJ, Mestna občina Velenje";
const LJUBLJANA_MOSCOW = "000_a73b6615ebc0d2bb.txt";
const DAYS = "10. Izvedba Dnevov Ljubljane v Moskvi maja 2020.";

const kranj = (quote: string) => ({ document: KRANJ_VILLACH, quote, language: "sl" });
const coal = (quote: string) => ({ document: COAL_TOWNS, quote, language: "sl" });
const moscow = (quote: string) => ({ document: LJUBLJANA_MOSCOW, quote, language: "sl" });

const contributor: Viewer = { subject: "acct-contributor", name: "Test Contributor", role: "contributor" };
const editor: Viewer = { subject: "acct-editor", name: "Test Editor", role: "editor" };

const COAL_PROJECT = "proj-velenje-pljevlja-coal-exchange";
const PROGRAMME = "a-ljubljana-moscow-programme-2019-2021";

let db: DataSource;
let schema: GraphQLSchema;
let participant: ChangeParticipant;

beforeAll(async () => {
  db = await openNewsDatabase({ url: ":memory:" });
  schema = (await buildNewsSubgraph()).schema;
  participant = localParticipant("news", db, newsEditRegistry);
  await writeTracked(db, async (manager) => {
    await upsertNewsItems(manager, [
      {
        id: "n-coal-towns-agreement",
        title: COAL_TITLE,
        language: "sl",
        cityIds: ["si-velenje", "ba-lukavac", "me-pljevlja"],
        projectIds: [COAL_PROJECT],
        sources: [coal(COAL_TITLE)],
      },
      // wrong: the same news item a second time
      {
        id: "n-coal-towns-wrong-copy",
        title: COAL_TITLE,
        language: "sl",
        cityIds: ["si-velenje", "me-pljevlja"],
        projectIds: [COAL_PROJECT],
        sources: [coal(COAL_TITLE)],
      },
    ]);
    await upsertVisits(manager, [
      // wrong: host and visitors swapped, Villach's delegation came to Kranj
      {
        id: "v-kranj-villach-wrong",
        date: "2016-02-25",
        hostCityId: "at-villach",
        visitorCityIds: ["si-kranj"],
        delegation: [],
        hosts: [],
        outcomes: [],
        sources: [kranj(LEAD)],
      },
    ]);
    await upsertEvents(manager, [
      {
        id: "e-velenje-pljevlja-first-exchange",
        title: "Prva izmenjava",
        date: "2022",
        planned: true,
        cityIds: ["si-velenje", "me-pljevlja"],
        projectId: COAL_PROJECT,
        sources: [coal(FIRST_EXCHANGE)],
      },
      // wrong: the programme plans days of Ljubljana in Moscow, not of Moscow in Ljubljana
      {
        id: "e-days-of-moscow-wrong",
        title: "Dnevi Moskve v Ljubljani",
        date: "2020-05",
        placeCityId: "si-ljubljana",
        planned: true,
        cityIds: ["si-ljubljana", "ru-moscow"],
        agreementId: PROGRAMME,
        sources: [moscow(DAYS)],
      },
    ]);
  });
});

afterAll(() => db.destroy());

function run(
  source: string,
  variableValues: Record<string, unknown> = {},
  viewer: Viewer | null = null,
): Promise<ExecutionResult> {
  return graphql({ schema, source, variableValues, contextValue: createContext(db, undefined, viewer) });
}

const codeOf = (result: ExecutionResult) => result.errors?.[0]?.extensions?.code;

/** Every row of the tables an edit may touch, to show that a refused one touched none. */
async function everyRow(): Promise<Record<string, unknown[]>> {
  const tables = [
    "news_item",
    "news_item_city",
    "news_item_project",
    "visit",
    "visit_city",
    "visit_partnership",
    "event",
    "event_city",
    "staged_edit",
    "record_version",
    "data_revision",
  ];
  const rows = await Promise.all(tables.map((table) => db.query(`SELECT * FROM "${table}" ORDER BY 1, 2`)));
  return Object.fromEntries(tables.map((table, index) => [table, rows[index]]));
}

/** A new changeset of the contributor's, who proposes every edit here. */
const contributorsChangeset = () => newChangesetId(contributor.subject);

/** Applies a changeset here as the changes subgraph would: prepare, then commit. */
async function apply(changesetId: string): Promise<void> {
  const prepared = await participant.prepare(changesetId, contributor.subject);
  expect(prepared.conflicts).toEqual([]);
  expect(prepared.edits).toBeGreaterThan(0);
  await participant.commit(changesetId, { id: editor.subject, name: editor.name });
}

/** Stages one edit as the contributor, expecting no error; the edit as proposed. */
async function stage(source: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = await run(source, variables, contributor);
  expect(result.errors).toBeUndefined();
  return Object.values(result.data ?? {})[0] as Record<string, unknown>;
}

const EDIT = "subgraph entity recordId op state baseVersion authorName changes { field before after }";
const HISTORY =
  "history { version op changesetId authorName changes { field before after } source { document quote } }";

const CREATE_VISIT = `mutation ($cs: ID!, $input: VisitInput!, $source: SourceInput) {
  createVisit(changesetId: $cs, input: $input, source: $source) { ${EDIT} } }`;
const UPDATE_VISIT = `mutation ($cs: ID!, $id: ID!, $version: Int!, $input: VisitPatch!, $source: SourceInput) {
  updateVisit(changesetId: $cs, id: $id, version: $version, input: $input, source: $source) { ${EDIT} } }`;
const DEPRECATE_VISIT = `mutation ($cs: ID!, $id: ID!, $version: Int!, $reason: String!, $source: SourceInput) {
  deprecateVisit(changesetId: $cs, id: $id, version: $version, reason: $reason, source: $source) { ${EDIT} } }`;
const LINK_VISIT = `mutation ($cs: ID!, $visitId: ID!, $partnershipId: ID!, $version: Int!, $source: SourceInput) {
  linkVisitToPartnership(changesetId: $cs, visitId: $visitId, partnershipId: $partnershipId, version: $version,
    source: $source) { ${EDIT} } }`;
const UNLINK_VISIT = `mutation ($cs: ID!, $visitId: ID!, $partnershipId: ID!, $version: Int!, $source: SourceInput) {
  unlinkVisitFromPartnership(changesetId: $cs, visitId: $visitId, partnershipId: $partnershipId,
    version: $version, source: $source) { ${EDIT} } }`;
const CREATE_NEWS = `mutation ($cs: ID!, $input: NewsItemInput!, $source: SourceInput) {
  createNewsItem(changesetId: $cs, input: $input, source: $source) { ${EDIT} } }`;
const UPDATE_NEWS = `mutation ($cs: ID!, $id: ID!, $version: Int!, $input: NewsItemPatch!, $source: SourceInput) {
  updateNewsItem(changesetId: $cs, id: $id, version: $version, input: $input, source: $source) { ${EDIT} } }`;
const DEPRECATE_NEWS = `mutation ($cs: ID!, $id: ID!, $version: Int!, $reason: String!, $source: SourceInput) {
  deprecateNewsItem(changesetId: $cs, id: $id, version: $version, reason: $reason, source: $source) { ${EDIT} } }`;
const CREATE_EVENT = `mutation ($cs: ID!, $input: EventInput!, $source: SourceInput) {
  createEvent(changesetId: $cs, input: $input, source: $source) { ${EDIT} } }`;
const UPDATE_EVENT = `mutation ($cs: ID!, $id: ID!, $version: Int!, $input: EventPatch!, $source: SourceInput) {
  updateEvent(changesetId: $cs, id: $id, version: $version, input: $input, source: $source) { ${EDIT} } }`;
const DEPRECATE_EVENT = `mutation ($cs: ID!, $id: ID!, $version: Int!, $reason: String!, $source: SourceInput) {
  deprecateEvent(changesetId: $cs, id: $id, version: $version, reason: $reason, source: $source) { ${EDIT} } }`;

const VISIT = `query ($id: ID!) { visit(id: $id) {
  id date version rank deprecationReason purpose host { id } visitors { id }
  delegation { name role city { id } } hosts { name role } news { id } partnerships { id }
  sources { document quote } ${HISTORY}
} }`;
const NEWS_ITEM = `query ($id: ID!) { newsItem(id: $id) {
  id title publishedOn language publisher version rank deprecationReason cities { id } projects { id }
  sources { document quote } ${HISTORY}
} }`;
const EVENT = `query ($id: ID!) { event(id: $id) {
  id title date planned description version rank deprecationReason place { id } cities { id }
  agreement { id } sources { document quote } ${HISTORY}
} }`;

const kranjNews = {
  id: "n-kranj-villach-2016-02-25",
  title: TITLE,
  publishedOn: "2016-02-25",
  language: "sl",
  cityIds: ["si-kranj", "at-villach"],
};
const villachVisit = {
  date: "2016-02-25",
  hostCityId: "si-kranj",
  visitorCityIds: ["at-villach"],
  delegation: [
    { name: "dr. Petra Oberrauner", role: "prva podžupanja", cityId: "at-villach" },
    { name: "Laura Nemann", role: "predstavnica za evropsko politiko v tamkajšnji mestni upravi" },
  ],
  newsItemId: "n-kranj-villach-2016-02-25",
};
const daysOfLjubljana = {
  title: "Dnevi Ljubljane v Moskvi",
  date: "2020-05",
  placeCityId: "ru-moscow",
  planned: true,
  cityIds: ["si-ljubljana", "ru-moscow"],
  agreementId: PROGRAMME,
};

type Call = { source: string; variables: Record<string, unknown> };

/** One valid call of each mutation, in a changeset of its own, on records the refusals leave alone. */
const mutations: Record<string, (cs: string) => Call> = {
  createVisit: (cs) => ({
    source: CREATE_VISIT,
    variables: { cs, input: { ...villachVisit, newsItemId: null }, source: kranj(LEAD) },
  }),
  updateVisit: (cs) => ({
    source: UPDATE_VISIT,
    variables: {
      cs,
      id: "v-kranj-villach-wrong",
      version: 1,
      input: { purpose: PURPOSE },
      source: kranj(PURPOSE),
    },
  }),
  deprecateVisit: (cs) => ({
    source: DEPRECATE_VISIT,
    variables: { cs, id: "v-kranj-villach-wrong", version: 1, reason: "a test", source: kranj(LEAD) },
  }),
  linkVisitToPartnership: (cs) => ({
    source: LINK_VISIT,
    variables: {
      cs,
      visitId: "v-kranj-villach-wrong",
      partnershipId: "p-kranj-villach",
      version: 1,
      source: kranj(SINCE_2008),
    },
  }),
  unlinkVisitFromPartnership: (cs) => ({
    source: UNLINK_VISIT,
    variables: {
      cs,
      visitId: "v-kranj-villach-wrong",
      partnershipId: "p-kranj-villach",
      version: 1,
      source: kranj(SINCE_2008),
    },
  }),
  createNewsItem: (cs) => ({
    source: CREATE_NEWS,
    variables: { cs, input: { ...kranjNews, id: null }, source: kranj(TITLE) },
  }),
  updateNewsItem: (cs) => ({
    source: UPDATE_NEWS,
    variables: {
      cs,
      id: "n-coal-towns-agreement",
      version: 1,
      input: { publisher: "Mestna občina Velenje" },
      source: coal(PUBLISHER),
    },
  }),
  deprecateNewsItem: (cs) => ({
    source: DEPRECATE_NEWS,
    variables: { cs, id: "n-coal-towns-agreement", version: 1, reason: "a test", source: coal(COAL_TITLE) },
  }),
  createEvent: (cs) => ({
    source: CREATE_EVENT,
    variables: { cs, input: daysOfLjubljana, source: moscow(DAYS) },
  }),
  updateEvent: (cs) => ({
    source: UPDATE_EVENT,
    variables: {
      cs,
      id: "e-velenje-pljevlja-first-exchange",
      version: 1,
      input: { description: FIRST_EXCHANGE },
      source: coal(FIRST_EXCHANGE),
    },
  }),
  deprecateEvent: (cs) => ({
    source: DEPRECATE_EVENT,
    variables: {
      cs,
      id: "e-velenje-pljevlja-first-exchange",
      version: 1,
      reason: "a test",
      source: coal(FIRST_EXCHANGE),
    },
  }),
};

const VERSIONED = Object.keys(mutations).filter((name) => !name.startsWith("create"));

describe("news mutations refuse, and change nothing", () => {
  // contributor is the lowest role and may propose every news edit, so none of them is FORBIDDEN
  for (const [name, call] of Object.entries(mutations)) {
    it(`${name}: UNAUTHENTICATED without a token`, async () => {
      const before = await everyRow();
      const { source, variables } = call(contributorsChangeset());
      expect(codeOf(await run(source, variables, null))).toBe("UNAUTHENTICATED");
      expect(await everyRow()).toEqual(before);
    });

    it(`${name}: SOURCE_REQUIRED without a source, or with one that quotes nothing`, async () => {
      const before = await everyRow();
      const { source, variables } = call(contributorsChangeset());
      expect(codeOf(await run(source, { ...variables, source: null }, contributor))).toBe("SOURCE_REQUIRED");
      const unquoted = { ...variables, source: { document: KRANJ_VILLACH, language: "sl" } };
      expect(codeOf(await run(source, unquoted, contributor))).toBe("SOURCE_REQUIRED");
      expect(await everyRow()).toEqual(before);
    });
  }

  for (const name of VERSIONED) {
    it(`${name}: CONFLICT with the current version and values when the version read is stale`, async () => {
      const before = await everyRow();
      const { source, variables } = mutations[name]!(contributorsChangeset());
      const result = await run(source, { ...variables, version: 7 }, contributor);
      expect(codeOf(result)).toBe("CONFLICT");
      expect(result.errors?.[0]?.extensions).toMatchObject({
        currentVersion: 1,
        current: expect.any(Object),
      });
      expect(await everyRow()).toEqual(before);
    });
  }

  it.each([
    ["createVisit", { id: "v-kranj-villach-wrong" }],
    ["createNewsItem", { id: "n-coal-towns-agreement" }],
    ["createEvent", { id: "e-velenje-pljevlja-first-exchange" }],
  ])("%s: CONFLICT for an id that is taken", async (name, given) => {
    const before = await everyRow();
    const { source, variables } = mutations[name]!(contributorsChangeset());
    const input = { ...(variables.input as object), ...given };
    expect(codeOf(await run(source, { ...variables, input }, contributor))).toBe("CONFLICT");
    expect(await everyRow()).toEqual(before);
  });

  it.each([
    ["createVisit", "a date in another form", { date: "25. 2. 2016" }, "input.date"],
    ["createVisit", "no visitor city", { visitorCityIds: [] }, "input.visitorCityIds"],
    ["createVisit", "an unknown news item", { newsItemId: "n-nowhere" }, "input.newsItemId"],
    ["createVisit", "a person without a name", { hosts: [{ name: " " }] }, "input.hosts.name"],
    ["createVisit", "101 partnerships", { partnershipIds: ids("p", 101) }, "input.partnershipIds"],
    ["createNewsItem", "a language that is no BCP 47 tag", { language: "slovenščina" }, "input.language"],
    ["createNewsItem", "a month that does not exist", { publishedOn: "2016-13" }, "input.publishedOn"],
    ["createNewsItem", "101 cities", { cityIds: ids("xx", 101) }, "input.cityIds"],
    ["createEvent", "101 cities", { cityIds: ids("xx", 101) }, "input.cityIds"],
    ["createEvent", "an empty title", { title: "" }, "input.title"],
    ["createEvent", "an id with spaces", { id: "Dnevi Ljubljane" }, "input.id"],
  ])("%s: BAD_USER_INPUT for %s", async (name, _, given, argumentName) => {
    const before = await everyRow();
    const { source, variables } = mutations[name]!(contributorsChangeset());
    const input = { ...(variables.input as object), ...given };
    const result = await run(source, { ...variables, input }, contributor);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName });
    expect(await everyRow()).toEqual(before);
  });

  it.each([
    ["updateVisit", { date: null }, "input.date"],
    ["updateVisit", {}, "input"],
    ["updateNewsItem", { language: null }, "input.language"],
    ["updateEvent", { planned: null }, "input.planned"],
    ["updateEvent", { date: "spring 2022" }, "input.date"],
  ])("%s: BAD_USER_INPUT for the patch %j", async (name, input, argumentName) => {
    const before = await everyRow();
    const { source, variables } = mutations[name]!(contributorsChangeset());
    const result = await run(source, { ...variables, input }, contributor);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName });
    expect(await everyRow()).toEqual(before);
  });
});

function ids(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}-${index + 1}`);
}

type Change = { version: number; op: string; changesetId: string; changes: { field: string }[] };

describe("news edits applied", () => {
  let visitId = "";
  // the contributor's changesets, by what each does: the visit's history names four of them
  const cs = {
    createNews: contributorsChangeset(),
    createVisit: contributorsChangeset(),
    updateVisit: contributorsChangeset(),
    linkVisit: contributorsChangeset(),
    unlinkVisit: contributorsChangeset(),
    deprecateVisit: contributorsChangeset(),
    updateNews: contributorsChangeset(),
    events: contributorsChangeset(),
  };

  it("creates a news item: staged and invisible, then, once applied, at version 1 with its history", async () => {
    const edit = await stage(CREATE_NEWS, { cs: cs.createNews, input: kranjNews, source: kranj(TITLE) });
    expect(edit).toMatchObject({
      subgraph: "news",
      entity: "NewsItem",
      recordId: kranjNews.id,
      op: "CREATE",
      state: "STAGED",
      baseVersion: null,
      authorName: contributor.name,
    });
    expect((await run(NEWS_ITEM, { id: kranjNews.id })).data?.newsItem).toBeNull();

    await apply(cs.createNews);

    const { data, errors } = await run(NEWS_ITEM, { id: kranjNews.id });
    expect(errors).toBeUndefined();
    expect(data?.newsItem).toMatchObject({
      title: TITLE,
      publishedOn: "2016-02-25",
      language: "sl",
      version: 1,
      rank: "NORMAL",
      cities: [{ id: "si-kranj" }, { id: "at-villach" }],
      projects: [],
      sources: [{ document: KRANJ_VILLACH, quote: TITLE }],
      history: [{ version: 1, op: "CREATE", changesetId: cs.createNews, authorName: contributor.name }],
    });
  });

  it("creates a visit under a generated id, reported by that news item", async () => {
    const edit = await stage(CREATE_VISIT, {
      cs: cs.createVisit,
      input: villachVisit,
      source: kranj(LEAD),
    });
    visitId = edit.recordId as string;
    expect(visitId).toMatch(/^visit-si-kranj-2016-02-25-[0-9a-f]{6}$/);
    await apply(cs.createVisit);

    const { data, errors } = await run(VISIT, { id: visitId });
    expect(errors).toBeUndefined();
    expect(data?.visit).toMatchObject({
      date: "2016-02-25",
      version: 1,
      host: { id: "si-kranj" },
      visitors: [{ id: "at-villach" }],
      delegation: [
        { name: "dr. Petra Oberrauner", role: "prva podžupanja", city: { id: "at-villach" } },
        { name: "Laura Nemann", role: villachVisit.delegation[1]!.role, city: null },
      ],
      news: { id: kranjNews.id },
      partnerships: [],
    });
    const listed = await run(`{ visits(cityId: "at-villach") { id } }`);
    // the same date: by id
    expect(listed.data?.visits).toEqual([{ id: "v-kranj-villach-wrong" }, { id: visitId }]);
  });

  it("updates a visit: the fields named change, the others stay, the version and history move on", async () => {
    const input = {
      purpose: PURPOSE,
      hosts: [{ name: "Senja Vraber", role: "direktorica kranjske občinske uprave" }],
    };
    const edit = await stage(UPDATE_VISIT, {
      cs: cs.updateVisit,
      id: visitId,
      version: 1,
      input,
      source: kranj(PURPOSE),
    });
    expect(edit.changes).toContainEqual({ field: "purpose", before: null, after: JSON.stringify(PURPOSE) });
    await apply(cs.updateVisit);

    const { data } = await run(VISIT, { id: visitId });
    expect(data?.visit).toMatchObject({
      version: 2,
      purpose: PURPOSE,
      hosts: [{ name: "Senja Vraber", role: "direktorica kranjske občinske uprave" }],
      visitors: [{ id: "at-villach" }],
      news: { id: kranjNews.id },
      sources: [
        { document: KRANJ_VILLACH, quote: LEAD },
        { document: KRANJ_VILLACH, quote: PURPOSE },
      ],
    });
  });

  it("links a visit to a partnership: it is among the partnership's visits, once; unlinking takes it out", async () => {
    const partnershipVisits = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Partnership { id visits { id } } } }`;
    // a stub naming no cities finds visits through links alone
    const linkedOnly = { __typename: "Partnership", id: "p-kranj-villach", cities: [] };
    const withCities = { ...linkedOnly, cities: [{ id: "si-kranj" }, { id: "at-villach" }] };
    const visitsOf = async (partnership: object) => {
      const result = await run(partnershipVisits, { r: [partnership] });
      expect(result.errors).toBeUndefined();
      const [found] = result.data!._entities as { visits: { id: string }[] }[];
      return found!.visits;
    };
    expect(await visitsOf(linkedOnly)).toEqual([]);

    const link = {
      cs: cs.linkVisit,
      visitId,
      partnershipId: "p-kranj-villach",
      version: 2,
      source: kranj(SINCE_2008),
    };
    const edit = await stage(LINK_VISIT, link);
    expect(edit).toMatchObject({ op: "UPDATE", baseVersion: 2 });
    expect(edit.changes).toContainEqual({
      field: "partnershipIds",
      before: "[]",
      after: JSON.stringify(["p-kranj-villach"]),
    });
    await apply(cs.linkVisit);

    expect((await run(VISIT, { id: visitId })).data?.visit).toMatchObject({
      version: 3,
      partnerships: [{ id: "p-kranj-villach" }],
    });
    expect(await visitsOf(linkedOnly)).toEqual([{ id: visitId }]);
    expect(await visitsOf(withCities)).toEqual([{ id: "v-kranj-villach-wrong" }, { id: visitId }]);

    await stage(UNLINK_VISIT, { ...link, cs: cs.unlinkVisit, version: 3 });
    await apply(cs.unlinkVisit);
    expect(await visitsOf(linkedOnly)).toEqual([]);

    const { data } = await run(VISIT, { id: visitId });
    const { history } = data!.visit as { history: Change[] };
    expect(history.map((change) => [change.version, change.op, change.changesetId])).toEqual([
      [4, "UPDATE", cs.unlinkVisit],
      [3, "UPDATE", cs.linkVisit],
      [2, "UPDATE", cs.updateVisit],
      [1, "CREATE", cs.createVisit],
    ]);
    expect(history[0]!.changes).toContainEqual({
      field: "partnershipIds",
      before: JSON.stringify(["p-kranj-villach"]),
      after: "[]",
    });
  });

  it("deprecates a wrong visit: left out of lists and of cities and partnerships, still found by id", async () => {
    const reason = "host and visitors swapped: Villach's delegation came to Kranj";
    await stage(DEPRECATE_VISIT, {
      cs: cs.deprecateVisit,
      id: "v-kranj-villach-wrong",
      version: 1,
      reason,
      source: kranj(LEAD),
    });
    await apply(cs.deprecateVisit);

    const lists = await run(
      `query($r: [_Any!]!) {
        visits { id }
        all: visits(includeDeprecated: true) { id }
        _entities(representations: $r) {
          ... on City { id visits { id } }
          ... on Partnership { id visits { id } }
          ... on Visit { id rank }
        }
      }`,
      {
        r: [
          { __typename: "City", id: "at-villach" },
          {
            __typename: "Partnership",
            id: "p-kranj-villach",
            cities: [{ id: "si-kranj" }, { id: "at-villach" }],
          },
          { __typename: "Visit", id: "v-kranj-villach-wrong" },
        ],
      },
    );
    expect(lists.errors).toBeUndefined();
    expect(lists.data).toEqual({
      visits: [{ id: visitId }],
      all: [{ id: "v-kranj-villach-wrong" }, { id: visitId }],
      _entities: [
        { id: "at-villach", visits: [{ id: visitId }] },
        { id: "p-kranj-villach", visits: [{ id: visitId }] },
        { id: "v-kranj-villach-wrong", rank: "DEPRECATED" },
      ],
    });
    expect((await run(VISIT, { id: "v-kranj-villach-wrong" })).data?.visit).toMatchObject({
      version: 2,
      rank: "DEPRECATED",
      deprecationReason: reason,
    });
  });

  it("updates a news item and deprecates a wrong copy, which leaves every list of news", async () => {
    await stage(UPDATE_NEWS, mutations.updateNewsItem!(cs.updateNews).variables);
    await stage(DEPRECATE_NEWS, {
      cs: cs.updateNews,
      id: "n-coal-towns-wrong-copy",
      version: 1,
      reason: "a second record of n-coal-towns-agreement",
      source: coal(COAL_TITLE),
    });
    await apply(cs.updateNews);

    expect((await run(NEWS_ITEM, { id: "n-coal-towns-agreement" })).data?.newsItem).toMatchObject({
      publisher: "Mestna občina Velenje",
      version: 2,
      sources: [
        { document: COAL_TOWNS, quote: COAL_TITLE },
        { document: COAL_TOWNS, quote: PUBLISHER },
      ],
    });
    const lists = await run(
      `query($r: [_Any!]!) {
        news(cityId: "me-pljevlja") { id }
        all: news(cityId: "me-pljevlja", includeDeprecated: true) { id }
        _entities(representations: $r) {
          ... on City { id news { id } }
          ... on Project { id news { id } }
          ... on Partnership { id news { id } }
          ... on NewsItem { id rank }
        }
      }`,
      {
        r: [
          { __typename: "City", id: "me-pljevlja" },
          { __typename: "Project", id: COAL_PROJECT },
          {
            __typename: "Partnership",
            id: "p-velenje-pljevlja",
            cities: [{ id: "si-velenje" }, { id: "me-pljevlja" }],
          },
          { __typename: "NewsItem", id: "n-coal-towns-wrong-copy" },
        ],
      },
    );
    expect(lists.errors).toBeUndefined();
    const current = [{ id: "n-coal-towns-agreement" }];
    expect(lists.data).toEqual({
      news: current,
      all: [{ id: "n-coal-towns-agreement" }, { id: "n-coal-towns-wrong-copy" }],
      _entities: [
        { id: "me-pljevlja", news: current },
        { id: COAL_PROJECT, news: current },
        { id: "p-velenje-pljevlja", news: current },
        { id: "n-coal-towns-wrong-copy", rank: "DEPRECATED" },
      ],
    });
  });

  it("creates and updates events and deprecates a wrong one, which leaves every list of events", async () => {
    const created = await stage(CREATE_EVENT, mutations.createEvent!(cs.events).variables);
    expect(created.recordId).toMatch(/^event-dnevi-ljubljane-v-moskvi-[0-9a-f]{6}$/);
    await stage(UPDATE_EVENT, mutations.updateEvent!(cs.events).variables);
    await stage(DEPRECATE_EVENT, {
      cs: cs.events,
      id: "e-days-of-moscow-wrong",
      version: 1,
      reason: "the programme plans days of Ljubljana in Moscow",
      source: moscow(DAYS),
    });
    await apply(cs.events);

    expect((await run(EVENT, { id: created.recordId })).data?.event).toMatchObject({
      title: "Dnevi Ljubljane v Moskvi",
      date: "2020-05",
      planned: true,
      version: 1,
      place: { id: "ru-moscow" },
      cities: [{ id: "si-ljubljana" }, { id: "ru-moscow" }],
      agreement: { id: PROGRAMME },
      sources: [{ document: LJUBLJANA_MOSCOW, quote: DAYS }],
    });
    const updated = (await run(EVENT, { id: "e-velenje-pljevlja-first-exchange" })).data?.event;
    expect(updated).toMatchObject({ description: FIRST_EXCHANGE, version: 2, planned: true, date: "2022" });
    expect((updated as { history: Change[] }).history.map((change) => [change.version, change.op])).toEqual([
      [2, "UPDATE"],
      [1, "CREATE"],
    ]);

    const lists = await run(
      `query($r: [_Any!]!) {
        events(cityId: "si-ljubljana") { id }
        all: events(cityId: "si-ljubljana", includeDeprecated: true) { id }
        _entities(representations: $r) {
          ... on City { id events { id } }
          ... on Agreement { id events { id } }
          ... on Event { id rank }
        }
      }`,
      {
        r: [
          { __typename: "City", id: "si-ljubljana" },
          { __typename: "Agreement", id: PROGRAMME },
          { __typename: "Event", id: "e-days-of-moscow-wrong" },
        ],
      },
    );
    expect(lists.errors).toBeUndefined();
    const current = [{ id: created.recordId }];
    expect(lists.data).toEqual({
      events: current,
      all: [{ id: "e-days-of-moscow-wrong" }, { id: created.recordId }],
      _entities: [
        { id: "si-ljubljana", events: current },
        { id: PROGRAMME, events: current },
        { id: "e-days-of-moscow-wrong", rank: "DEPRECATED" },
      ],
    });
  });
});

describe("history kept by imports", () => {
  it("gives seeded records version 1 in the seed's changeset, and a repeated import no new version", async () => {
    const seeded = async () =>
      (await run(`{ event(id: "e-velenje-pljevlja-first-exchange") { version ${HISTORY} } }`)).data
        ?.event as {
        version: number;
        history: Change[];
      };
    const before = await seeded();
    expect(before.history.at(-1)).toMatchObject({
      version: 1,
      op: "CREATE",
      changesetId: TEST_SEED.changesetId,
    });

    const event = {
      id: "e-velenje-pljevlja-first-exchange",
      title: "Prva izmenjava",
      date: "2022",
      planned: true,
      cityIds: ["si-velenje", "me-pljevlja"],
      description: FIRST_EXCHANGE,
      projectId: COAL_PROJECT,
      sources: [coal(FIRST_EXCHANGE)],
    };
    await writeTracked(db, (manager) => upsertEvents(manager, [event]));
    expect((await seeded()).version).toBe(before.version);

    await writeTracked(db, (manager) =>
      upsertEvents(manager, [{ ...event, cityIds: ["me-pljevlja", "si-velenje"] }]),
    );
    const after = await seeded();
    expect(after.version).toBe(before.version + 1);
    expect(after.history[0]).toMatchObject({
      version: before.version + 1,
      changesetId: TEST_SEED.changesetId,
      changes: [{ field: "cityIds" }],
    });
  });
});

describe("a news item and its visit proposed together", () => {
  it("are staged in one changeset and applied in order; a visit citing an unknown item is refused", async () => {
    const together = contributorsChangeset();
    const newsItem = { ...kranjNews, id: "n-kranj-villach-2016-02-25-together" };
    const visit = { ...villachVisit, newsItemId: newsItem.id };
    const elsewhere = await run(
      CREATE_VISIT,
      { cs: contributorsChangeset(), input: visit, source: kranj(LEAD) },
      contributor,
    );
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "input.newsItemId",
    });
    await stage(CREATE_NEWS, { cs: together, input: newsItem, source: kranj(TITLE) });
    const edit = await stage(CREATE_VISIT, { cs: together, input: visit, source: kranj(LEAD) });
    await apply(together);
    const { data, errors } = await run(VISIT, { id: edit.recordId });
    expect(errors).toBeUndefined();
    expect(data?.visit).toMatchObject({ version: 1, news: { id: newsItem.id } });
  });
});
