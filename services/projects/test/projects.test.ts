// The projects subgraph against an in-memory database: the projects it adds to cities and
// partnerships, project and programme fields, argument checks, idempotent writes, and that
// references and lists are batched per request, not per parent.

import { type Executor, localExecutor } from "@twingraph/kit/subgraph";
import { StatementCounter } from "@twingraph/testing";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  buildProjectsSubgraph,
  openProjectsDatabase,
  PartnerRole,
  type ProgrammeInput,
  ProjectCity,
  type ProjectInput,
  upsertProgrammes,
  upsertProjects,
} from "../src";
import { seedWrite } from "./seed-context";

const counter = new StatementCounter();
let db: DataSource;
let run: Executor;

const source = (quote: string) => ({ document: "xx-projects.txt", quote, language: "en" });

const programmes: ProgrammeInput[] = [
  {
    id: "prog-1",
    name: "Interreg Xx-Yy",
    funder: "European Union",
    funds: ["ERDF"],
    countryCodes: ["SI", "hr"],
    sources: [source("The programme covers Slovenia and Croatia.")],
  },
  { id: "prog-2", name: "Small projects fund", funds: [], countryCodes: [], sources: [] },
];

// Shaped like the seed's records: optional fields left out, not null.
const projects: ProjectInput[] = [
  // Towns B, A and C, named in that order
  {
    id: "pr-1",
    acronym: "BRIDGE",
    title: "Bridges between towns",
    programmeId: "prog-1",
    funds: ["ERDF"],
    totalBudget: { amount: 1250000.5, currency: "EUR" },
    euContribution: { amount: 1062500.43, currency: "EUR" },
    start: "2017-09",
    end: "2020-08",
    partners: [
      { name: "Town B", role: PartnerRole.LEAD, cityId: "xx-b", countryCode: "HR" },
      { name: "Regional agency", role: PartnerRole.PARTNER, countryCode: "si" },
      { name: "Town A", role: PartnerRole.ASSOCIATED, cityId: "xx-a" },
    ],
    cityIds: ["xx-b", "xx-a", "xx-c"],
    participantCount: 5,
    objectives: ["cross-border cycling"],
    results: ["a bridge"],
    sources: [source("Town B leads BRIDGE with Town A and Town C.")],
  },
  // Town A alone
  {
    id: "pr-2",
    title: "Town A on its own",
    funds: [],
    start: "2019",
    partners: [],
    cityIds: ["xx-a"],
    objectives: [],
    results: [],
    sources: [],
  },
  // Towns C and D, undated
  {
    id: "pr-3",
    title: "Towns C and D",
    programmeId: "prog-2",
    funds: [],
    partners: [{ name: "Town D", role: PartnerRole.PARTICIPANT, cityId: "xx-d" }],
    cityIds: ["xx-c", "xx-d"],
    objectives: [],
    results: [],
    sources: [],
  },
  // Towns A and B
  {
    id: "pr-4",
    title: "Towns A and B",
    programmeId: "prog-1",
    funds: [],
    start: "2021-03-01",
    partners: [],
    cityIds: ["xx-a", "xx-b"],
    objectives: [],
    results: [],
    sources: [],
  },
];

/** Programme i funds project i, which town i and town i + 1 take part in. */
function chain(size: number): { programmes: ProgrammeInput[]; projects: ProjectInput[] } {
  const town = (index: number) => `xx-batch-${index}`;
  const indexes = Array.from({ length: size }, (_, index) => index);
  return {
    programmes: indexes.map((index) => ({
      id: `prog-batch-${index}`,
      name: `Programme ${index}`,
      funds: [],
      countryCodes: ["AT"],
      sources: [],
    })),
    projects: indexes.map((index) => ({
      id: `pr-batch-${index}`,
      title: `Batch ${index}`,
      programmeId: `prog-batch-${index}`,
      funds: [],
      start: "2001",
      partners: [],
      cityIds: [town(index), town(index + 1)],
      objectives: [],
      results: [],
      sources: [],
    })),
  };
}

async function write(): Promise<void> {
  const batch = chain(40);
  await seedWrite(db, async (manager) => {
    await upsertProgrammes(manager, [...programmes, ...batch.programmes]);
    await upsertProjects(manager, [...projects, ...batch.projects]);
  });
}

beforeAll(async () => {
  db = await openProjectsDatabase({ url: ":memory:", logger: counter });
  const { schema } = await buildProjectsSubgraph();
  run = localExecutor(schema, db);
  await write();
  // a second import of the same records must leave the same rows
  await write();
});

beforeEach(() => counter.reset());

afterAll(() => db.destroy());

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on City { id projects { id } }
  ... on Partnership { id projects { id } }
  ... on Project { id title }
  ... on Programme { id name }
} }`;

/** A Partnership as the gateway sends it, with the cities @requires asks the agreements subgraph for. */
const partnership = (id: string, ...cityIds: string[]) => ({
  __typename: "Partnership",
  id,
  cities: cityIds.map((cityId) => ({ id: cityId })),
});

describe("projects of cities and partnerships", () => {
  it("finds the projects that involve two or more of a partnership's cities", async () => {
    const result = await run(ENTITIES, {
      r: [
        partnership("p-ab", "xx-a", "xx-b"),
        partnership("p-ba", "xx-b", "xx-a"),
        // pr-1 has A and C; pr-3 has C and D; pr-4 and pr-2 have only A of these
        partnership("p-acd", "xx-a", "xx-c", "xx-d"),
        partnership("p-ae", "xx-a", "xx-e"),
        partnership("p-unknown", "nowhere", "elsewhere"),
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { id: "p-ab", projects: [{ id: "pr-1" }, { id: "pr-4" }] },
      { id: "p-ba", projects: [{ id: "pr-1" }, { id: "pr-4" }] },
      { id: "p-acd", projects: [{ id: "pr-1" }, { id: "pr-3" }] },
      { id: "p-ae", projects: [] },
      { id: "p-unknown", projects: [] },
    ]);
  });

  it("lists the projects a city takes part in", async () => {
    const result = await run(ENTITIES, {
      r: [
        { __typename: "City", id: "xx-a" },
        { __typename: "City", id: "xx-d" },
        { __typename: "City", id: "nowhere" },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { id: "xx-a", projects: [{ id: "pr-1" }, { id: "pr-2" }, { id: "pr-4" }] },
      { id: "xx-d", projects: [{ id: "pr-3" }] },
      { id: "nowhere", projects: [] },
    ]);
  });
});

describe("project and programme fields", () => {
  it("resolves a project's cities in the source's order, its programme, money and partners", async () => {
    const result = await run(`{ project(id: "pr-1") {
      id acronym title funds start end participantCount objectives results
      totalBudget { amount currency } euContribution { amount currency }
      cities { id }
      programme { id name funder funds countries { code name } sources { document quote } }
      partners { name role city { id } country { code name } }
      sources { document quote }
    } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data?.project).toEqual({
      id: "pr-1",
      acronym: "BRIDGE",
      title: "Bridges between towns",
      funds: ["ERDF"],
      start: "2017-09",
      end: "2020-08",
      participantCount: 5,
      objectives: ["cross-border cycling"],
      results: ["a bridge"],
      totalBudget: { amount: 1250000.5, currency: "EUR" },
      euContribution: { amount: 1062500.43, currency: "EUR" },
      cities: [{ id: "xx-b" }, { id: "xx-a" }, { id: "xx-c" }],
      programme: {
        id: "prog-1",
        name: "Interreg Xx-Yy",
        funder: "European Union",
        funds: ["ERDF"],
        countries: [
          { code: "SI", name: "Slovenia" },
          { code: "HR", name: "Croatia" },
        ],
        sources: [{ document: "xx-projects.txt", quote: "The programme covers Slovenia and Croatia." }],
      },
      partners: [
        { name: "Town B", role: "LEAD", city: { id: "xx-b" }, country: { code: "HR", name: "Croatia" } },
        { name: "Regional agency", role: "PARTNER", city: null, country: { code: "SI", name: "Slovenia" } },
        { name: "Town A", role: "ASSOCIATED", city: { id: "xx-a" }, country: null },
      ],
      sources: [{ document: "xx-projects.txt", quote: "Town B leads BRIDGE with Town A and Town C." }],
    });
  });

  it("leaves what a project does not state empty", async () => {
    const result = await run(`{
      project(id: "pr-2") {
        acronym programme { id } totalBudget { amount } euContribution { amount } end participantCount
        partners { name } cities { id }
      }
      programme(id: "prog-2") { id name funder funds countries { code } sources { document } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      project: {
        acronym: null,
        programme: null,
        totalBudget: null,
        euContribution: null,
        end: null,
        participantCount: null,
        partners: [],
        cities: [{ id: "xx-a" }],
      },
      programme: {
        id: "prog-2",
        name: "Small projects fund",
        funder: null,
        funds: [],
        countries: [],
        sources: [],
      },
    });
  });
});

describe("projects", () => {
  it("lists a city's projects, the latest start first, in pages", async () => {
    const result = await run(`{
      ofA: projects(cityId: "xx-a") { id start }
      ofC: projects(cityId: "xx-c") { id }
      second: projects(cityId: "xx-a", first: 1, offset: 1) { id }
      beyond: projects(cityId: "xx-a", offset: 3) { id }
      latest: projects(first: 2) { id }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      ofA: [
        { id: "pr-4", start: "2021-03-01" },
        { id: "pr-2", start: "2019" },
        { id: "pr-1", start: "2017-09" },
      ],
      // an undated project comes after dated ones
      ofC: [{ id: "pr-1" }, { id: "pr-3" }],
      second: [{ id: "pr-2" }],
      beyond: [],
      latest: [{ id: "pr-4" }, { id: "pr-2" }],
    });
  });

  it("answers unknown ids with null and empty lists", async () => {
    const result = await run(
      `query($r: [_Any!]!) {
        project(id: "nope") { id }
        programme(id: "nope") { id }
        projects(cityId: "nowhere") { id }
        _entities(representations: $r) { ... on Project { id } ... on Programme { id } }
      }`,
      {
        r: [
          { __typename: "Project", id: "nope" },
          { __typename: "Programme", id: "nope" },
          { __typename: "Project", id: "pr-3" },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      project: null,
      programme: null,
      projects: [],
      _entities: [null, null, { id: "pr-3" }],
    });
  });

  it.each([
    ["first", `{ projects(first: 101) { id } }`],
    ["first", `{ projects(cityId: "xx-a", first: -1) { id } }`],
    ["offset", `{ projects(offset: -1) { id } }`],
  ])('rejects a bad "%s", naming the argument', async (argument, query) => {
    const result = await run(query);
    expect(result.data?.projects ?? null).toBeNull();
    expect(result.errors?.[0].message).toContain(`"${argument}"`);
    expect(result.errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0].extensions.argumentName).toBe(argument);
  });
});

describe("writes", () => {
  it("rewrites a project's places on a repeated import instead of adding to them", async () => {
    expect(await db.getRepository(ProjectCity).countBy({ projectId: "pr-1" })).toBe(3);
    const [project] = projects.filter((candidate) => candidate.id === "pr-3");
    await seedWrite(db, (manager) => upsertProjects(manager, [{ ...project, cityIds: ["xx-d"] }]));
    const fewer = await run(`{ projects(cityId: "xx-c") { id } project(id: "pr-3") { cities { id } } }`);
    expect(fewer.data).toEqual({ projects: [{ id: "pr-1" }], project: { cities: [{ id: "xx-d" }] } });
    await seedWrite(db, (manager) => upsertProjects(manager, [project]));
    expect(await db.getRepository(ProjectCity).countBy({ projectId: "pr-3" })).toBe(2);
    const restored = await run(`{ project(id: "pr-3") { cities { id } } }`);
    expect(restored.data?.project).toEqual({ cities: [{ id: "xx-c" }, { id: "xx-d" }] });
  });
});

describe("batching", () => {
  it("resolves 30 project and programme references in as many statements as 5", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Project { id programme { id } cities { id } }
      ... on Programme { id countries { code } }
    } }`;
    const statementsFor = async (size: number) => {
      const r = Array.from({ length: size }, (_, index) => [
        { __typename: "Project", id: `pr-batch-${index}` },
        { __typename: "Programme", id: `prog-batch-${index}` },
      ]).flat();
      counter.reset();
      const result = await run(query, { r });
      expect(result.errors).toBeUndefined();
      const entities = (result.data?._entities ?? []) as ({ id: string } | null)[];
      expect(entities).toHaveLength(2 * size);
      expect(entities.every((entity) => entity !== null)).toBe(true);
      expect(entities[0]).toEqual({
        id: "pr-batch-0",
        programme: { id: "prog-batch-0" },
        cities: [{ id: "xx-batch-0" }, { id: "xx-batch-1" }],
      });
      return counter.count;
    };
    const forFive = await statementsFor(5);
    const forThirty = await statementsFor(30);
    expect(forFive).toBeGreaterThan(0);
    expect(forThirty).toBe(forFive);
  });

  it("runs as many statements for 40 cities and partnerships as for 10", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on City { id projects { id cities { id } } }
      ... on Partnership { id projects { id programme { id } } }
    } }`;
    const statementsFor = async (size: number) => {
      const town = (index: number) => `xx-batch-${index}`;
      const r = Array.from({ length: size }, (_, index) => [
        { __typename: "City", id: town(index) },
        partnership(`p-batch-${index}`, town(index), town(index + 1)),
      ]).flat();
      counter.reset();
      const result = await run(query, { r });
      expect(result.errors).toBeUndefined();
      const entities = (result.data?._entities ?? []) as { projects: unknown[] }[];
      expect(entities).toHaveLength(2 * size);
      expect(entities.every((entity) => entity.projects.length > 0)).toBe(true);
      return counter.count;
    };
    const forTen = await statementsFor(10);
    const forForty = await statementsFor(40);
    expect(forTen).toBeGreaterThan(0);
    expect(forForty).toBe(forTen);
  });
});
