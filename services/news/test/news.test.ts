// The news subgraph against an in-memory database: the fields it adds to other subgraphs' entities,
// argument checks, idempotent writes, and that lists are batched per request, not per parent.

import { type Executor, localExecutor } from "@twingraph/kit/subgraph";
import { StatementCounter } from "@twingraph/testing";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  buildNewsSubgraph,
  type EventInput,
  NewsItemCity,
  type NewsItemInput,
  openNewsDatabase,
  upsertEvents,
  upsertNewsItems,
  upsertVisits,
  VisitCity,
  type VisitInput,
} from "../src";
import { writeTracked } from "./tracked";

const counter = new StatementCounter();
let db: DataSource;
let run: Executor;

const source = (quote: string) => ({ document: "xx-news.txt", quote, language: "en" });

// Shaped like the seed's records: optional fields left out, not null.
const news: NewsItemInput[] = [
  {
    id: "n-1",
    title: "Town 2 visits Town 1",
    publishedOn: "2016-02-25",
    language: "en",
    cityIds: ["xx-town-1", "xx-town-2"],
    projectIds: ["p-1"],
    sources: [source("A delegation from Town 2 visited Town 1.")],
  },
  {
    id: "n-2",
    title: "Town 1 alone",
    publishedOn: "2017",
    language: "en",
    cityIds: ["xx-town-1"],
    projectIds: [],
    sources: [],
  },
  {
    id: "n-3",
    title: "Undated",
    language: "en",
    cityIds: ["xx-town-2", "xx-town-3"],
    projectIds: [],
    sources: [],
  },
];

const visits: VisitInput[] = [
  {
    id: "v-1",
    date: "2016-02-25",
    hostCityId: "xx-town-1",
    visitorCityIds: ["xx-town-2"],
    delegation: [{ name: "A. Visitor", role: "deputy mayor", cityId: "xx-town-2" }],
    hosts: [{ name: "B. Host", organisation: "Business office" }],
    purpose: "economic cooperation",
    outcomes: ["monthly meetings"],
    newsItemId: "n-1",
    sources: [source("A delegation from Town 2 visited Town 1.")],
  },
  {
    id: "v-2",
    date: "2018-05-01",
    hostCityId: "xx-town-2",
    visitorCityIds: ["xx-town-3", "xx-town-1"],
    delegation: [],
    hosts: [],
    outcomes: [],
    sources: [],
  },
  // the host is one of the partnership's cities, but the visitor is not
  {
    id: "v-3",
    date: "2019",
    hostCityId: "xx-town-1",
    visitorCityIds: ["xx-town-4"],
    delegation: [],
    hosts: [],
    outcomes: [],
    sources: [],
  },
  // a visitor is one of the partnership's cities, but the host is not
  {
    id: "v-4",
    date: "2020",
    hostCityId: "xx-town-3",
    visitorCityIds: ["xx-town-2"],
    delegation: [],
    hosts: [],
    outcomes: [],
    sources: [],
  },
];

const events: EventInput[] = [
  {
    id: "e-1",
    title: "Days of Town 1 in Town 2",
    date: "2020-05",
    placeCityId: "xx-town-2",
    planned: true,
    cityIds: ["xx-town-1", "xx-town-2"],
    agreementId: "a-1",
    sources: [source("Days of Town 1 in Town 2 in May 2020.")],
  },
  {
    id: "e-2",
    title: "Undated fair",
    placeCityId: "xx-town-5",
    planned: false,
    cityIds: ["xx-town-1"],
    projectId: "p-1",
    sources: [],
  },
];

/** Town i hosts a delegation from town i + 1, reported by a news item that names both. */
function chain(size: number): { news: NewsItemInput[]; visits: VisitInput[] } {
  const town = (index: number) => `xx-batch-${index}`;
  const indexes = Array.from({ length: size }, (_, index) => index);
  return {
    news: indexes.map((index) => ({
      id: `n-batch-${index}`,
      title: `Batch ${index}`,
      publishedOn: `2001-01-${String((index % 28) + 1).padStart(2, "0")}`,
      language: "en",
      cityIds: [town(index), town(index + 1)],
      projectIds: [],
      sources: [],
    })),
    visits: indexes.map((index) => ({
      id: `v-batch-${index}`,
      date: "2001-01-01",
      hostCityId: town(index),
      visitorCityIds: [town(index + 1)],
      delegation: [{ name: `Visitor ${index}`, cityId: town(index + 1) }],
      hosts: [],
      outcomes: [],
      newsItemId: `n-batch-${index}`,
      sources: [],
    })),
  };
}

async function write(): Promise<void> {
  const batch = chain(50);
  await writeTracked(db, async (manager) => {
    await upsertNewsItems(manager, [...news, ...batch.news]);
    await upsertVisits(manager, [...visits, ...batch.visits]);
    await upsertEvents(manager, events);
  });
}

beforeAll(async () => {
  db = await openNewsDatabase({ url: ":memory:", logger: counter });
  const { schema } = await buildNewsSubgraph();
  run = localExecutor(schema, db);
  await write();
  // a second import of the same records must leave the same rows
  await write();
});

beforeEach(() => counter.reset());

afterAll(() => db.destroy());

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on City { id visits { id } news { id } events { id } }
  ... on Partnership { id visits { id host { id } visitors { id } } news { id } }
  ... on Project { id news { id } events { id } }
  ... on Agreement { id events { id title planned place { id } cities { id } } }
  ... on Visit { id date }
} }`;

describe("news subgraph", () => {
  it("finds the visits between a partnership's cities and the news that name two of them", async () => {
    const partnership = {
      __typename: "Partnership",
      id: "xx-p",
      cities: [{ id: "xx-town-1" }, { id: "xx-town-2" }],
    };
    const result = await run(ENTITIES, { r: [partnership] });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: "xx-p",
        visits: [
          { id: "v-2", host: { id: "xx-town-2" }, visitors: [{ id: "xx-town-3" }, { id: "xx-town-1" }] },
          { id: "v-1", host: { id: "xx-town-1" }, visitors: [{ id: "xx-town-2" }] },
        ],
        news: [{ id: "n-1" }],
      },
    ]);
  });

  it("lists a city's visits, hosted or sent, the latest first", async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on City { id visits {
        id date purpose outcomes host { id } visitors { id }
        delegation { name role organisation city { id } } hosts { name organisation city { id } }
        news { id title publishedOn cities { id } projects { id } sources { document quote } }
      } } } }`,
      { r: [{ __typename: "City", id: "xx-town-1" }] },
    );
    expect(result.errors).toBeUndefined();
    const [city] = (result.data?._entities ?? []) as { visits: { id: string }[] }[];
    expect(city.visits.map((visit) => visit.id)).toEqual(["v-3", "v-2", "v-1"]);
    expect(city.visits[2]).toEqual({
      id: "v-1",
      date: "2016-02-25",
      purpose: "economic cooperation",
      outcomes: ["monthly meetings"],
      host: { id: "xx-town-1" },
      visitors: [{ id: "xx-town-2" }],
      delegation: [
        { name: "A. Visitor", role: "deputy mayor", organisation: null, city: { id: "xx-town-2" } },
      ],
      hosts: [{ name: "B. Host", organisation: "Business office", city: null }],
      news: {
        id: "n-1",
        title: "Town 2 visits Town 1",
        publishedOn: "2016-02-25",
        cities: [{ id: "xx-town-1" }, { id: "xx-town-2" }],
        projects: [{ id: "p-1" }],
        sources: [{ document: "xx-news.txt", quote: "A delegation from Town 2 visited Town 1." }],
      },
    });
  });

  it("adds news and events to projects, events to agreements and cities", async () => {
    const result = await run(ENTITIES, {
      r: [
        { __typename: "Project", id: "p-1" },
        { __typename: "Agreement", id: "a-1" },
        { __typename: "City", id: "xx-town-5" },
        { __typename: "City", id: "xx-town-2" },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { id: "p-1", news: [{ id: "n-1" }], events: [{ id: "e-2" }] },
      {
        id: "a-1",
        events: [
          {
            id: "e-1",
            title: "Days of Town 1 in Town 2",
            planned: true,
            place: { id: "xx-town-2" },
            cities: [{ id: "xx-town-1" }, { id: "xx-town-2" }],
          },
        ],
      },
      // the place of an event takes part in it even when the source does not list it
      { id: "xx-town-5", visits: [], news: [], events: [{ id: "e-2" }] },
      {
        id: "xx-town-2",
        visits: [{ id: "v-4" }, { id: "v-2" }, { id: "v-1" }],
        news: [{ id: "n-1" }, { id: "n-3" }],
        events: [{ id: "e-1" }],
      },
    ]);
  });

  it("filters visits by city and date, and events by whether they are planned", async () => {
    const result = await run(`{
      between: visits(cityId: "xx-town-1", from: "2017", to: "2018") { id }
      upTo: visits(cityId: "xx-town-1", to: "2016") { id }
      all: events { id }
      planned: events(planned: true) { id }
      held: events(planned: false, cityId: "xx-town-1") { id }
      news(cityId: "xx-town-2", first: 1) { id }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      between: [{ id: "v-2" }],
      upTo: [{ id: "v-1" }],
      all: [{ id: "e-1" }, { id: "e-2" }],
      planned: [{ id: "e-1" }],
      held: [{ id: "e-2" }],
      news: [{ id: "n-1" }],
    });
  });

  it("answers unknown ids with null and empty lists", async () => {
    const result = await run(
      `query($r: [_Any!]!) {
        newsItem(id: "nope") { id }
        visits(cityId: "nowhere") { id }
        events(cityId: "nowhere") { id }
        _entities(representations: $r) { ... on Visit { id } ... on City { id visits { id } } }
      }`,
      {
        r: [
          { __typename: "Visit", id: "nope" },
          { __typename: "City", id: "nowhere" },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      newsItem: null,
      visits: [],
      events: [],
      _entities: [null, { id: "nowhere", visits: [] }],
    });
  });

  it.each([
    ["first", `{ visits(first: 101) { id } }`],
    ["first", `{ visits(first: -1) { id } }`],
    ["from", `{ visits(from: "2016-13") { id } }`],
    ["to", `{ visits(to: "yesterday") { id } }`],
  ])('rejects a bad "%s", naming the argument', async (argument, query) => {
    const result = await run(query);
    expect(result.errors?.[0].message).toContain(`"${argument}"`);
    expect(result.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0].extensions.argumentName).toBe(argument);
  });

  it("rewrites link rows on a repeated import instead of adding to them", async () => {
    expect(await db.getRepository(NewsItemCity).countBy({ newsItemId: "n-1" })).toBe(2);
    expect(await db.getRepository(VisitCity).countBy({ visitId: "v-2" })).toBe(3);
    await writeTracked(db, (manager) =>
      upsertVisits(manager, [{ ...visits[1], visitorCityIds: ["xx-town-3"] }]),
    );
    const result = await run(`{ visits(cityId: "xx-town-1") { id } }`);
    expect(result.data?.visits).toEqual([{ id: "v-3" }, { id: "v-1" }]);
    await writeTracked(db, (manager) => upsertVisits(manager, [visits[1]]));
    expect(await db.getRepository(VisitCity).countBy({ visitId: "v-2" })).toBe(3);
  });

  it("runs as many statements for 50 cities as for 10", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on City {
      id
      visits { id date host { id } visitors { id } delegation { name city { id } } news { id cities { id } } }
      news { id cities { id } }
      events { id }
    } } }`;
    const statementsFor = async (size: number) => {
      const r = Array.from({ length: size }, (_, index) => ({ __typename: "City", id: `xx-batch-${index}` }));
      counter.reset();
      const result = await run(query, { r });
      expect(result.errors).toBeUndefined();
      const cities = (result.data?._entities ?? []) as { visits: unknown[]; news: unknown[] }[];
      expect(cities).toHaveLength(size);
      expect(cities.every((city) => city.visits.length > 0 && city.news.length > 0)).toBe(true);
      return counter.count;
    };
    const forTen = await statementsFor(10);
    const forFifty = await statementsFor(50);
    expect(forTen).toBeGreaterThan(0);
    expect(forFifty).toBe(forTen);
  });
});
