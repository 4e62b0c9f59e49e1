// The agreements subgraph against an in-memory database: finding the partnership between cities,
// which agreements count for a partnership or a city, the fields it adds to City, argument checks,
// idempotent writes, and that lists are batched per request, not per parent.

import { type Executor, localExecutor } from "@twingraph/kit/subgraph";
import { StatementCounter } from "@twingraph/testing";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  AgreementCity,
  type AgreementInput,
  AgreementKind,
  buildAgreementsSubgraph,
  openAgreementsDatabase,
  Partnership,
  PartnershipCity,
  type PartnershipInput,
  PartnershipKind,
  PartnershipStatus,
  PartyKind,
  upsertAgreements,
  upsertPartnerships,
} from "../src";
import { writeTracked } from "./tracked";

const counter = new StatementCounter();
let db: DataSource;
let run: Executor;

const source = (quote: string) => ({ document: "xx-agreements.txt", quote, language: "en" });

// Five towns: A and B are twinned, and also in a triangle with C; C and D are friends, D and E once were.
const partnerships: PartnershipInput[] = [
  {
    id: "p-twins",
    kind: PartnershipKind.TWINNING,
    status: PartnershipStatus.ACTIVE,
    cityIds: ["xx-a", "xx-b"],
    since: "2008-05",
    sources: [source("Town A and Town B were twinned in May 2008.")],
  },
  {
    id: "p-triangle",
    name: "Triangle of Towns",
    kind: PartnershipKind.COOPERATION,
    status: PartnershipStatus.ACTIVE,
    cityIds: ["xx-c", "xx-a", "xx-b"],
    since: "2010",
    memberCount: 3,
    sources: [],
  },
  {
    id: "p-cd",
    kind: PartnershipKind.FRIENDSHIP,
    status: PartnershipStatus.DORMANT,
    cityIds: ["xx-c", "xx-d"],
    since: "2012-03-01",
    sources: [],
  },
  {
    id: "p-de",
    kind: PartnershipKind.DECENTRALISED_COOPERATION,
    status: PartnershipStatus.ENDED,
    cityIds: ["xx-d", "xx-e"],
    until: "2019",
    sources: [source("Town D and Town E worked together.")],
  },
];

const agreements: AgreementInput[] = [
  {
    id: "a-charter",
    title: "Twinning charter of Town A and Town B",
    kind: AgreementKind.TWINNING_CHARTER,
    partnershipId: "p-twins",
    parties: [
      { name: "Municipality of Town A", kind: PartyKind.MUNICIPALITY, cityId: "xx-a", countryCode: "SI" },
      { name: "Municipality of Town B", kind: PartyKind.MUNICIPALITY, cityId: "xx-b", countryCode: "at" },
    ],
    signatories: [{ name: "A. Mayor", role: "mayor", party: "Municipality of Town A" }],
    signedOn: "2008-05-22",
    signedAtCityId: "xx-a",
    areas: ["culture", "sport"],
    languages: ["sl", "de"],
    sources: [source("The charter was signed in Town A on 22 May 2008.")],
  },
  // made for the twinning, but its parties name no city: the partnership's members are bound by it
  {
    id: "a-protocol",
    title: "Protocol on youth exchanges",
    kind: AgreementKind.PROTOCOL,
    partnershipId: "p-twins",
    parties: [{ name: "Youth council", kind: PartyKind.ASSOCIATION }],
    signatories: [],
    signedOn: "2015",
    basedOnId: "a-charter",
    areas: ["youth"],
    languages: [],
    sources: [],
  },
  // made for the triangle, whose members include both twins
  {
    id: "a-triangle",
    title: "Cooperation agreement of the triangle",
    kind: AgreementKind.COOPERATION_AGREEMENT,
    partnershipId: "p-triangle",
    parties: [
      { name: "Town A", kind: PartyKind.CITY_GOVERNMENT, cityId: "xx-a" },
      { name: "Town B", kind: PartyKind.CITY_GOVERNMENT, cityId: "xx-b" },
      { name: "Town C", kind: PartyKind.CITY_GOVERNMENT, cityId: "xx-c" },
    ],
    signatories: [],
    signedOn: "2010-06",
    areas: [],
    languages: [],
    sources: [],
  },
  // binds Town A, but not Town B: no agreement of the twinning
  {
    id: "a-memo",
    title: "Memorandum between Town A and Town D",
    kind: AgreementKind.MEMORANDUM,
    parties: [
      { name: "Town A", kind: PartyKind.MUNICIPALITY, cityId: "xx-a", countryCode: "SI" },
      { name: "Town D", kind: PartyKind.MUNICIPALITY, cityId: "xx-d" },
      { name: "Government of Serbia", kind: PartyKind.NATIONAL_GOVERNMENT, countryCode: "RS" },
    ],
    signatories: [],
    areas: [],
    languages: [],
    sources: [],
  },
];

/** Town i is twinned with town i + 1, and their charter is an agreement of that twinning. */
function chain(size: number): { partnerships: PartnershipInput[]; agreements: AgreementInput[] } {
  const town = (index: number) => `xx-batch-${index}`;
  const indexes = Array.from({ length: size }, (_, index) => index);
  return {
    partnerships: indexes.map((index) => ({
      id: `p-batch-${index}`,
      kind: PartnershipKind.TWINNING,
      status: PartnershipStatus.UNKNOWN,
      cityIds: [town(index), town(index + 1)],
      sources: [],
    })),
    agreements: indexes.map((index) => ({
      id: `a-batch-${index}`,
      title: `Charter ${index}`,
      kind: AgreementKind.TWINNING_CHARTER,
      partnershipId: `p-batch-${index}`,
      parties: [],
      signatories: [],
      areas: [],
      languages: [],
      sources: [],
    })),
  };
}

async function write(): Promise<void> {
  const batch = chain(41);
  await writeTracked(db, async (manager) => {
    await upsertPartnerships(manager, [...partnerships, ...batch.partnerships]);
    await upsertAgreements(manager, [...agreements, ...batch.agreements]);
  });
}

beforeAll(async () => {
  db = await openAgreementsDatabase({ url: ":memory:", logger: counter });
  const { schema } = await buildAgreementsSubgraph();
  run = localExecutor(schema, db);
  await write();
  // a second import of the same records must leave the same rows
  await write();
});

beforeEach(() => counter.reset());

afterAll(() => db.destroy());

// City.agreements may be null (this subgraph's part of a city, when it is down) and
// Partnership.agreements may not: one selection needs an alias to ask for both
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on City { id partnerships { id } partners { id } bindingAgreements: agreements { id } }
  ... on Partnership { id cities { id } agreements { id } }
  ... on Agreement { id title }
} }`;

describe("partnershipBetween", () => {
  it("finds a bilateral partnership whichever order the cities come in", async () => {
    const result = await run(`{
      ab: partnershipBetween(cityIds: ["xx-a", "xx-b"]) { id kind cities { id } }
      ba: partnershipBetween(cityIds: ["xx-b", "xx-a"]) { id }
      dc: partnershipBetween(cityIds: ["xx-d", "xx-c"]) { id }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      ab: { id: "p-twins", kind: "TWINNING", cities: [{ id: "xx-a" }, { id: "xx-b" }] },
      ba: { id: "p-twins" },
      dc: { id: "p-cd" },
    });
  });

  it("prefers the partnership with the fewest members, and finds the one joining three cities", async () => {
    // the triangle's id sorts first, so only its size can put the twinning ahead of it
    const result = await run(`{
      pair: partnershipBetween(cityIds: ["xx-b", "xx-a"]) { id }
      withC: partnershipBetween(cityIds: ["xx-a", "xx-c"]) { id }
      all: partnershipBetween(cityIds: ["xx-c", "xx-b", "xx-a"]) { id name memberCount }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      pair: { id: "p-twins" },
      withC: { id: "p-triangle" },
      all: { id: "p-triangle", name: "Triangle of Towns", memberCount: 3 },
    });
  });

  it("answers null for cities that share no partnership", async () => {
    const result = await run(`{
      apart: partnershipBetween(cityIds: ["xx-a", "xx-d"]) { id }
      notAll: partnershipBetween(cityIds: ["xx-a", "xx-b", "xx-d"]) { id }
      unknown: partnershipBetween(cityIds: ["xx-a", "nowhere"]) { id }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ apart: null, notAll: null, unknown: null });
  });

  it.each([
    ["no ids", `{ partnershipBetween(cityIds: []) { id } }`],
    ["one id", `{ partnershipBetween(cityIds: ["xx-a"]) { id } }`],
    ["the same id twice", `{ partnershipBetween(cityIds: ["xx-a", "xx-a"]) { id } }`],
    ["an empty id", `{ partnershipBetween(cityIds: ["xx-a", " "]) { id } }`],
  ])('rejects %s in "cityIds"', async (_, query) => {
    const result = await run(query);
    expect(result.data?.partnershipBetween ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0].message).toContain('"cityIds"');
    expect(result.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0].extensions.argumentName).toBe("cityIds");
  });
});

describe("agreements of partnerships and cities", () => {
  it("counts an agreement for every partnership whose cities it binds, whatever it was made for", async () => {
    const result = await run(ENTITIES, {
      r: [
        { __typename: "Partnership", id: "p-twins" },
        { __typename: "Partnership", id: "p-triangle" },
        { __typename: "Partnership", id: "p-cd" },
        { __typename: "Partnership", id: "nope" },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      // a-triangle binds both twins; a-memo binds only Town A
      {
        id: "p-twins",
        cities: [{ id: "xx-a" }, { id: "xx-b" }],
        agreements: [{ id: "a-charter" }, { id: "a-protocol" }, { id: "a-triangle" }],
      },
      // the charter binds two of the triangle's three cities
      {
        id: "p-triangle",
        cities: [{ id: "xx-c" }, { id: "xx-a" }, { id: "xx-b" }],
        agreements: [{ id: "a-triangle" }],
      },
      // a-memo binds Town D, and a-triangle Town C, but neither binds both
      { id: "p-cd", cities: [{ id: "xx-c" }, { id: "xx-d" }], agreements: [] },
      null,
    ]);
  });

  it("adds partnerships, distinct partners and agreements to cities", async () => {
    const result = await run(ENTITIES, {
      r: [
        { __typename: "City", id: "xx-a" },
        { __typename: "City", id: "xx-c" },
        { __typename: "City", id: "xx-e" },
        { __typename: "City", id: "nowhere" },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: "xx-a",
        partnerships: [{ id: "p-triangle" }, { id: "p-twins" }],
        // Town B is a partner twice over, and counts once
        partners: [{ id: "xx-c" }, { id: "xx-b" }],
        // a-protocol names no city, but binds the twinning's members
        bindingAgreements: [
          { id: "a-charter" },
          { id: "a-memo" },
          { id: "a-protocol" },
          { id: "a-triangle" },
        ],
      },
      {
        id: "xx-c",
        partnerships: [{ id: "p-cd" }, { id: "p-triangle" }],
        partners: [{ id: "xx-d" }, { id: "xx-a" }, { id: "xx-b" }],
        bindingAgreements: [{ id: "a-triangle" }],
      },
      { id: "xx-e", partnerships: [{ id: "p-de" }], partners: [{ id: "xx-d" }], bindingAgreements: [] },
      { id: "nowhere", partnerships: [], partners: [], bindingAgreements: [] },
    ]);
  });

  it("lists a city's agreements, the latest signed first, by kind", async () => {
    const result = await run(`{
      ofA: agreements(cityId: "xx-a") { id signedOn }
      charters: agreements(cityId: "xx-a", kind: TWINNING_CHARTER) { id }
      latest: agreements(cityId: "xx-a", first: 1) { id }
      none: agreements(cityId: "nowhere") { id }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      ofA: [
        { id: "a-protocol", signedOn: "2015" },
        { id: "a-triangle", signedOn: "2010-06" },
        { id: "a-charter", signedOn: "2008-05-22" },
        { id: "a-memo", signedOn: null },
      ],
      charters: [{ id: "a-charter" }],
      latest: [{ id: "a-protocol" }],
      none: [],
    });
  });
});

describe("partnerships", () => {
  it("filters by city, kind and status, the earliest start first, in pages", async () => {
    const result = await run(`{
      ofA: partnerships(cityId: "xx-a") { id since }
      friendships: partnerships(kind: FRIENDSHIP) { id }
      ended: partnerships(status: ENDED) { id since until }
      active: partnerships(status: ACTIVE) { id }
      second: partnerships(status: ACTIVE, first: 1, offset: 1) { id }
      beyond: partnerships(status: ACTIVE, offset: 2) { id }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      ofA: [
        { id: "p-twins", since: "2008-05" },
        { id: "p-triangle", since: "2010" },
      ],
      friendships: [{ id: "p-cd" }],
      ended: [{ id: "p-de", since: null, until: "2019" }],
      active: [{ id: "p-twins" }, { id: "p-triangle" }],
      second: [{ id: "p-triangle" }],
      beyond: [],
    });
  });

  it("takes a start known only to the month as within a year", async () => {
    const result = await run(`{
      upTo2008: partnerships(to: "2008") { id }
      upTo2008April: partnerships(to: "2008-04") { id }
      upTo2012March: partnerships(to: "2012-03") { id }
      from2009: partnerships(from: "2009") { id }
      from2008To2010: partnerships(from: "2008", to: "2010") { id }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      upTo2008: [{ id: "p-twins" }],
      upTo2008April: [],
      upTo2012March: [{ id: "p-twins" }, { id: "p-triangle" }, { id: "p-cd" }],
      from2009: [{ id: "p-triangle" }, { id: "p-cd" }],
      from2008To2010: [{ id: "p-twins" }, { id: "p-triangle" }],
    });
  });

  it("returns a partnership's own fields by id", async () => {
    const result = await run(`{
      partnership(id: "p-twins") { id name kind status since until memberCount sources { document quote } }
      missing: partnership(id: "nope") { id }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      partnership: {
        id: "p-twins",
        name: null,
        kind: "TWINNING",
        status: "ACTIVE",
        since: "2008-05",
        until: null,
        memberCount: null,
        sources: [{ document: "xx-agreements.txt", quote: "Town A and Town B were twinned in May 2008." }],
      },
      missing: null,
    });
  });

  it.each([
    ["first", `{ partnerships(first: 101) { id } }`],
    ["first", `{ partnerships(first: -1) { id } }`],
    ["offset", `{ partnerships(offset: -1) { id } }`],
    ["from", `{ partnerships(from: "2008-13") { id } }`],
    ["from", `{ partnerships(from: "last year") { id } }`],
    ["to", `{ partnerships(to: "2008-02-30") { id } }`],
    ["first", `{ agreements(first: 101) { id } }`],
  ])('rejects a bad "%s", naming the argument', async (argument, query) => {
    const result = await run(query);
    expect(result.errors?.[0].message).toContain(`"${argument}"`);
    expect(result.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0].extensions.argumentName).toBe(argument);
  });
});

describe("agreement fields", () => {
  it("resolves the agreement it rests on and the partnership it was made for", async () => {
    const result = await run(`{
      protocol: agreement(id: "a-protocol") { id basedOn { id title basedOn { id } } partnership { id status } }
      memo: agreement(id: "a-memo") { id basedOn { id } partnership { id } }
      missing: agreement(id: "nope") { id }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      protocol: {
        id: "a-protocol",
        basedOn: { id: "a-charter", title: "Twinning charter of Town A and Town B", basedOn: null },
        partnership: { id: "p-twins", status: "ACTIVE" },
      },
      memo: { id: "a-memo", basedOn: null, partnership: null },
      missing: null,
    });
  });

  it("gives parties city stubs and countries, and the place of signing as a city stub", async () => {
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Agreement {
        id kind signedOn signedAt { id } areas languages
        parties { name kind city { id } country { code name } }
        signatories { name role party }
        sources { document quote }
      } } }`,
      {
        r: [
          { __typename: "Agreement", id: "a-charter" },
          { __typename: "Agreement", id: "a-memo" },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: "a-charter",
        kind: "TWINNING_CHARTER",
        signedOn: "2008-05-22",
        signedAt: { id: "xx-a" },
        areas: ["culture", "sport"],
        languages: ["sl", "de"],
        parties: [
          {
            name: "Municipality of Town A",
            kind: "MUNICIPALITY",
            city: { id: "xx-a" },
            country: { code: "SI", name: "Slovenia" },
          },
          // a lower-case code is still a country
          {
            name: "Municipality of Town B",
            kind: "MUNICIPALITY",
            city: { id: "xx-b" },
            country: { code: "AT", name: "Austria" },
          },
        ],
        signatories: [{ name: "A. Mayor", role: "mayor", party: "Municipality of Town A" }],
        sources: [
          { document: "xx-agreements.txt", quote: "The charter was signed in Town A on 22 May 2008." },
        ],
      },
      {
        id: "a-memo",
        kind: "MEMORANDUM",
        signedOn: null,
        signedAt: null,
        areas: [],
        languages: [],
        parties: [
          {
            name: "Town A",
            kind: "MUNICIPALITY",
            city: { id: "xx-a" },
            country: { code: "SI", name: "Slovenia" },
          },
          { name: "Town D", kind: "MUNICIPALITY", city: { id: "xx-d" }, country: null },
          {
            name: "Government of Serbia",
            kind: "NATIONAL_GOVERNMENT",
            city: null,
            country: { code: "RS", name: "Serbia" },
          },
        ],
        signatories: [],
        sources: [],
      },
    ]);
  });
});

describe("writes", () => {
  it("leaves the same rows after a repeated import", async () => {
    expect(await db.getRepository(PartnershipCity).countBy({ partnershipId: "p-twins" })).toBe(2);
    expect(await db.getRepository(PartnershipCity).countBy({ partnershipId: "p-triangle" })).toBe(3);
    expect(await db.getRepository(AgreementCity).countBy({ agreementId: "a-triangle" })).toBe(3);
    expect(await db.getRepository(AgreementCity).countBy({ agreementId: "a-protocol" })).toBe(2);
    const twins = await db.getRepository(Partnership).findOneByOrFail({ id: "p-twins" });
    expect(twins.sources).toEqual([source("Town A and Town B were twinned in May 2008.")]);
  });

  it("adds a new source to an existing partnership, and keeps its fields and members", async () => {
    const [ended] = partnerships.filter((partnership) => partnership.id === "p-de");
    const added = source("Town D and Town E ended their cooperation in 2019.");
    await writeTracked(db, (manager) =>
      upsertPartnerships(manager, [
        { ...ended, status: PartnershipStatus.ACTIVE, cityIds: ["xx-d", "xx-f"], sources: [added] },
      ]),
    );
    // the same source again counts once
    await writeTracked(db, (manager) => upsertPartnerships(manager, [{ ...ended, sources: [added] }]));
    const result = await run(`{ partnership(id: "p-de") { status cities { id } sources { quote } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.partnership).toEqual({
      status: "ENDED",
      cities: [{ id: "xx-d" }, { id: "xx-e" }],
      sources: [
        { quote: "Town D and Town E worked together." },
        { quote: "Town D and Town E ended their cooperation in 2019." },
      ],
    });
    expect(await db.getRepository(PartnershipCity).countBy({ partnershipId: "p-de" })).toBe(2);
  });
});

describe("batching", () => {
  it("runs as many statements for 40 cities as for 10", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on City {
      id partnerships { id cities { id } agreements { id } }
    } } }`;
    const statementsFor = async (size: number) => {
      const r = Array.from({ length: size }, (_, index) => ({ __typename: "City", id: `xx-batch-${index}` }));
      counter.reset();
      const result = await run(query, { r });
      expect(result.errors).toBeUndefined();
      const cities = (result.data?._entities ?? []) as {
        partnerships: { cities: unknown[]; agreements: unknown[] }[];
      }[];
      expect(cities).toHaveLength(size);
      const partnershipsOfCities = cities.flatMap((city) => city.partnerships);
      // every town but the first is in two twinnings, each with its own charter
      expect(partnershipsOfCities).toHaveLength(2 * size - 1);
      expect(partnershipsOfCities.every((p) => p.cities.length === 2 && p.agreements.length === 1)).toBe(
        true,
      );
      return counter.count;
    };
    const forTen = await statementsFor(10);
    const forForty = await statementsFor(40);
    expect(forTen).toBeGreaterThan(0);
    expect(forForty).toBe(forTen);
  });
});
