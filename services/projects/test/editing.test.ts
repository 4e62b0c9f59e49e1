// Editing projects: each mutation's refusals (no token, no source, a stale version), each of which
// changes nothing; each mutation staged, then applied through this subgraph's side of the apply
// protocol; the history it leaves; deprecated projects out of default reads; projects linked to a
// partnership among its projects. Towns, projects and people are fictional test values.
import {
  createContext,
  localParticipant,
  newChangesetId,
  RecordVersion,
  StagedEdit,
  type Viewer,
} from "@twingraph/kit/subgraph";
import { type ExecutionResult, type GraphQLSchema, graphql } from "graphql";
import type { DataSource } from "typeorm";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  buildProjectsSubgraph,
  openProjectsDatabase,
  PartnerRole,
  Project,
  ProjectCity,
  ProjectPartnership,
  projectsRegistry,
  upsertProgrammes,
  upsertProjects,
} from "../src";
import { SEED_CHANGESET, seedWrite } from "./seed-context";

const contributor: Viewer = { subject: "u-test-contributor", name: "Test Contributor", role: "contributor" };
const editor: Viewer = { subject: "u-test-editor", name: "Test Editor", role: "editor" };

const SOURCE = {
  document: "xx-minutes.txt",
  quote: "Town A and Town B agree on a test project.",
  language: "en",
};

let schema: GraphQLSchema;
let db: DataSource;

/** A new changeset of the account's, as openChangeset makes it. */
const newChangeset = (author: Viewer = contributor) => newChangesetId(author.subject);

beforeAll(async () => {
  schema = (await buildProjectsSubgraph()).schema;
});

beforeEach(async () => {
  db = await openProjectsDatabase({ url: ":memory:" });
  await seedWrite(db, async (manager) => {
    await upsertProgrammes(manager, [
      { id: "prog-xx", name: "Interreg Xx-Yy", funds: ["ERDF"], countryCodes: ["SI"], sources: [] },
    ]);
    await upsertProjects(manager, [
      {
        id: "pr-ab",
        acronym: "AB",
        title: "Towns A and B",
        programmeId: "prog-xx",
        funds: ["ERDF"],
        start: "2019",
        end: "2021",
        partners: [{ name: "Town A", role: PartnerRole.LEAD, cityId: "xx-a" }],
        cityIds: ["xx-a", "xx-b"],
        objectives: [],
        results: [],
        sources: [{ document: "xx-projects.txt", quote: "Towns A and B run AB." }],
      },
      {
        id: "pr-c",
        title: "Town C alone",
        funds: [],
        start: "2020",
        partners: [],
        cityIds: ["xx-c"],
        objectives: [],
        results: [],
        sources: [],
      },
    ]);
  });
});

afterEach(() => db.destroy());

function run(
  source: string,
  variableValues: Record<string, unknown> = {},
  viewer: Viewer | null = contributor,
): Promise<ExecutionResult> {
  return graphql({ schema, source, variableValues, contextValue: createContext(db, undefined, viewer) });
}

const EDIT = /* GraphQL */ `{ subgraph entity recordId op state baseVersion authorName
  changes { field before after } source { document quote } }`;

interface Mutation {
  name: string;
  /** the mutation's arguments besides changesetId and source */
  args: (version: number) => string;
}

const create: Mutation = {
  name: "createProject",
  args: () => `input: { id: "pr-new", title: "A new test project" }`,
};
const update: Mutation = {
  name: "updateProject",
  args: (v) => `id: "pr-ab", version: ${v}, input: { end: "2022" }`,
};
const deprecate: Mutation = {
  name: "deprecateProject",
  args: (v) => `id: "pr-ab", version: ${v}, reason: "a test duplicate"`,
};
const link = (partnershipId: string): Mutation => ({
  name: "linkProjectToPartnership",
  args: (v) => `projectId: "pr-ab", partnershipId: "${partnershipId}", version: ${v}`,
});
const unlink = (partnershipId: string): Mutation => ({
  name: "unlinkProjectFromPartnership",
  args: (v) => `projectId: "pr-ab", partnershipId: "${partnershipId}", version: ${v}`,
});

/** Each mutation on pr-ab once it is linked to p-test-ab (its version 2). */
const MUTATIONS = [create, update, deprecate, link("p-test-cd"), unlink("p-test-ab")];

function mutate(
  mutation: Mutation,
  {
    viewer = contributor as Viewer | null,
    changesetId = newChangeset(viewer ?? contributor),
    version = 1,
    source = SOURCE as object | null,
  } = {},
): Promise<ExecutionResult> {
  return run(
    `mutation($cs: ID!, $source: SourceInput) {
      ${mutation.name}(changesetId: $cs, ${mutation.args(version)}, source: $source) ${EDIT}
    }`,
    { cs: changesetId, source },
    viewer,
  );
}

/** Stages edits as the editor in one changeset and applies it, as the changes subgraph would. */
async function applyAsEditor(
  ...stage: ((changesetId: string) => Promise<ExecutionResult>)[]
): Promise<string> {
  const changesetId = newChangeset(editor);
  for (const step of stage) expect((await step(changesetId)).errors).toBeUndefined();
  const participant = localParticipant("projects", db, projectsRegistry);
  const prepared = await participant.prepare(changesetId, editor.subject);
  expect(prepared.conflicts).toEqual([]);
  await participant.commit(changesetId, { id: editor.subject, name: editor.name });
  return changesetId;
}

const stageAs =
  (mutation: Mutation, version = 1) =>
  (changesetId: string) =>
    mutate(mutation, { changesetId, version, viewer: editor });

/** Links pr-ab to p-test-ab (its version 2), so that unlinking has something to remove. */
function linkToAb(): Promise<string> {
  return applyAsEditor(stageAs(link("p-test-ab")));
}

/** Every row this subgraph keeps for projects and their edits. */
async function everything(): Promise<unknown[]> {
  return Promise.all(
    [Project, ProjectCity, ProjectPartnership, StagedEdit, RecordVersion].map((target) =>
      db.getRepository(target).find(),
    ),
  );
}

function expectRefused(result: ExecutionResult, code: string): void {
  expect(result.data ?? null).toBeNull();
  expect(result.errors?.map((error) => error.extensions.code)).toEqual([code]);
}

describe.each(MUTATIONS)("$name refuses, changing nothing", (mutation) => {
  /** unlinking needs a link; every mutation then names the project's version 2 */
  const setUp = async () => {
    await linkToAb();
    return everything();
  };

  it("without a token: UNAUTHENTICATED", async () => {
    const before = await setUp();
    expectRefused(await mutate(mutation, { version: 2, viewer: null }), "UNAUTHENTICATED");
    expect(await everything()).toEqual(before);
  });

  it("without a source, or with one that quotes nothing: SOURCE_REQUIRED", async () => {
    const before = await setUp();
    expectRefused(await mutate(mutation, { version: 2, source: null }), "SOURCE_REQUIRED");
    expectRefused(
      await mutate(mutation, { version: 2, source: { document: "xx-minutes.txt", language: "en" } }),
      "SOURCE_REQUIRED",
    );
    expect(await everything()).toEqual(before);
  });

  it(
    mutation === create
      ? "with an id that is taken: CONFLICT"
      : "with a stale version: CONFLICT with the current values",
    async () => {
      const before = await setUp();
      const result = await (mutation === create
        ? run(
            `mutation($cs: ID!, $source: SourceInput) {
              createProject(changesetId: $cs, input: { id: "pr-ab", title: "Taken" }, source: $source) { op }
            }`,
            { cs: newChangeset(), source: SOURCE },
          )
        : mutate(mutation, { version: 1 }));
      expectRefused(result, "CONFLICT");
      if (mutation !== create) {
        expect(result.errors?.[0]?.extensions.currentVersion).toBe(2);
        expect(result.errors?.[0]?.extensions.current).toMatchObject({
          title: "Towns A and B",
          partnershipIds: ["p-test-ab"],
        });
      }
      expect(await everything()).toEqual(before);
    },
  );
});

describe("validation", () => {
  it.each([
    ["input.start", `start: "2019-13"`],
    ["input.end", `start: "2020-05", end: "2019"`],
    ["input.totalBudget.amount", `totalBudget: { amount: -1, currency: "EUR" }`],
    ["input.euContribution.currency", `euContribution: { amount: 10, currency: "euro" }`],
    ["input.programmeId", `programmeId: "prog-none"`],
    ["input.title", `title: "  "`],
    ["input.partners[0].countryCode", `partners: [{ name: "Town D", role: PARTNER, countryCode: "XX" }]`],
    ["input.participantCount", `participantCount: -2`],
  ])("refuses a bad %s with BAD_USER_INPUT, staging nothing", async (argument, fields) => {
    const before = await everything();
    const result = await run(
      `mutation($cs: ID!, $source: SourceInput) {
        updateProject(changesetId: $cs, id: "pr-ab", version: 1, input: { ${fields} }, source: $source) { op }
      }`,
      { cs: newChangeset(), source: SOURCE },
    );
    expectRefused(result, "BAD_USER_INPUT");
    expect(result.errors?.[0]?.extensions.argumentName).toBe(argument);
    expect(await everything()).toEqual(before);
  });

  it("refuses a link that is there already and an unlink of one that is not", async () => {
    await linkToAb();
    expectRefused(await mutate(link("p-test-ab"), { version: 2 }), "BAD_USER_INPUT");
    expectRefused(await mutate(unlink("p-test-cd"), { version: 2 }), "BAD_USER_INPUT");
  });
});

const PROJECT = /* GraphQL */ `query($id: ID!) { project(id: $id) {
  id acronym title version rank deprecationReason start end
  programme { id } totalBudget { amount currency } partners { name role city { id } }
  cities { id } sources { document quote }
} }`;

async function project(id: string): Promise<Record<string, unknown> | null> {
  const result = await run(PROJECT, { id }, null);
  expect(result.errors).toBeUndefined();
  return result.data?.project as Record<string, unknown> | null;
}

describe("applied edits", () => {
  it("stages a new project as a ProposedEdit, invisible until applied", async () => {
    const result = await mutate(create);
    expect(result.errors).toBeUndefined();
    expect(result.data?.createProject).toMatchObject({
      subgraph: "projects",
      entity: "Project",
      recordId: "pr-new",
      op: "CREATE",
      state: "STAGED",
      baseVersion: null,
      authorName: contributor.name,
      source: { document: SOURCE.document, quote: SOURCE.quote },
    });
    expect((result.data?.createProject as { changes: unknown[] } | undefined)?.changes).toContainEqual({
      field: "title",
      before: null,
      after: JSON.stringify("A new test project"),
    });
    expect(await project("pr-new")).toBeNull();
  });

  it("creates a project with a generated id, its partners' places and the edit's source", async () => {
    let recordId = "";
    await applyAsEditor(async (changesetId) => {
      const result = await run(
        `mutation($cs: ID!, $source: SourceInput) {
          createProject(changesetId: $cs, input: {
            acronym: "CD Trails", title: "Trails between towns C and D", programmeId: "prog-xx",
            start: "2024-01", end: "2026-12", totalBudget: { amount: 250000, currency: "EUR" },
            partners: [
              { name: "Town C", role: LEAD, cityId: "xx-c", countryCode: "SI" },
              { name: "Town D", role: PARTNER, cityId: "xx-d" }
            ]
          }, source: $source) { recordId }
        }`,
        { cs: changesetId, source: SOURCE },
        editor,
      );
      recordId = (result.data?.createProject as { recordId: string } | undefined)?.recordId ?? "";
      return result;
    });
    expect(recordId).toMatch(/^project-cd-trails-[0-9a-f]{6}$/);
    expect(await project(recordId)).toEqual({
      id: recordId,
      acronym: "CD Trails",
      title: "Trails between towns C and D",
      version: 1,
      rank: "NORMAL",
      deprecationReason: null,
      start: "2024-01",
      end: "2026-12",
      programme: { id: "prog-xx" },
      totalBudget: { amount: 250000, currency: "EUR" },
      partners: [
        { name: "Town C", role: "LEAD", city: { id: "xx-c" } },
        { name: "Town D", role: "PARTNER", city: { id: "xx-d" } },
      ],
      cities: [{ id: "xx-c" }, { id: "xx-d" }],
      sources: [{ document: SOURCE.document, quote: SOURCE.quote }],
    });
  });

  it("updates the fields a patch names, keeps the others and the project's places, adds the source", async () => {
    await applyAsEditor((changesetId) =>
      run(
        `mutation($cs: ID!, $source: SourceInput) {
            updateProject(changesetId: $cs, id: "pr-ab", version: 1, input: {
              end: "2022", acronym: null,
              partners: [{ name: "Town A", role: LEAD, cityId: "xx-a" }, { name: "Town E", role: ASSOCIATED, cityId: "xx-e" }]
            }, source: $source) { op }
          }`,
        { cs: changesetId, source: SOURCE },
        editor,
      ),
    );
    expect(await project("pr-ab")).toMatchObject({
      acronym: null,
      title: "Towns A and B",
      version: 2,
      start: "2019",
      end: "2022",
      programme: { id: "prog-xx" },
      cities: [{ id: "xx-a" }, { id: "xx-b" }, { id: "xx-e" }],
      sources: [
        { document: "xx-projects.txt", quote: "Towns A and B run AB." },
        { document: SOURCE.document, quote: SOURCE.quote },
      ],
    });
  });

  it("deprecates a project: out of every list, still found by id with its rank and reason", async () => {
    await applyAsEditor(stageAs(link("p-test-cd")));
    await applyAsEditor(stageAs(deprecate, 2));
    expect(await project("pr-ab")).toMatchObject({
      version: 3,
      rank: "DEPRECATED",
      deprecationReason: "a test duplicate",
    });
    const result = await run(
      `query($r: [_Any!]!) {
        all: projects { id }
        withDeprecated: projects(includeDeprecated: true) { id rank }
        ofA: projects(cityId: "xx-a") { id }
        _entities(representations: $r) {
          ... on City { id projects { id } }
          ... on Partnership { id projects { id } }
          ... on Project { id rank }
        }
      }`,
      {
        r: [
          { __typename: "City", id: "xx-a" },
          { __typename: "Partnership", id: "p-test-ab", cities: [{ id: "xx-a" }, { id: "xx-b" }] },
          { __typename: "Partnership", id: "p-test-cd", cities: [{ id: "xx-c" }, { id: "xx-d" }] },
          { __typename: "Project", id: "pr-ab" },
        ],
      },
      null,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      all: [{ id: "pr-c" }],
      withDeprecated: [
        { id: "pr-c", rank: "NORMAL" },
        { id: "pr-ab", rank: "DEPRECATED" },
      ],
      ofA: [],
      _entities: [
        { id: "xx-a", projects: [] },
        { id: "p-test-ab", projects: [] },
        { id: "p-test-cd", projects: [] },
        { id: "pr-ab", rank: "DEPRECATED" },
      ],
    });
  });

  it("lists a linked project among a partnership's projects, beside those that share its cities, until unlinked", async () => {
    const partnershipProjects = async () => {
      const result = await run(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Partnership { id projects { id } } } }`,
        {
          r: [
            { __typename: "Partnership", id: "p-test-ab", cities: [{ id: "xx-a" }, { id: "xx-b" }] },
            { __typename: "Partnership", id: "p-test-cd", cities: [{ id: "xx-c" }, { id: "xx-d" }] },
          ],
        },
        null,
      );
      expect(result.errors).toBeUndefined();
      return result.data?._entities;
    };
    expect(await partnershipProjects()).toEqual([
      { id: "p-test-ab", projects: [{ id: "pr-ab" }] },
      { id: "p-test-cd", projects: [] },
    ]);
    await applyAsEditor(stageAs(link("p-test-cd")));
    expect(await partnershipProjects()).toEqual([
      { id: "p-test-ab", projects: [{ id: "pr-ab" }] },
      { id: "p-test-cd", projects: [{ id: "pr-ab" }] },
    ]);
    await applyAsEditor(stageAs(unlink("p-test-cd"), 2));
    expect(await partnershipProjects()).toEqual([
      { id: "p-test-ab", projects: [{ id: "pr-ab" }] },
      { id: "p-test-cd", projects: [] },
    ]);
    expect(await project("pr-ab")).toMatchObject({ version: 3 });
  });

  it("keeps the history: the seed's version, then each applied change, newest first", async () => {
    const linked = await linkToAb();
    const updated = await applyAsEditor(stageAs(update, 2));
    const result = await run(
      `{ project(id: "pr-ab") { history { version op changesetId authorName changes { field before after } source { document } } } }`,
      {},
      null,
    );
    expect(result.errors).toBeUndefined();
    const history =
      (result.data?.project as { history: Record<string, unknown>[] } | undefined)?.history ?? [];
    expect(history.map(({ version, op, changesetId }) => ({ version, op, changesetId }))).toEqual([
      { version: 3, op: "UPDATE", changesetId: updated },
      { version: 2, op: "UPDATE", changesetId: linked },
      { version: 1, op: "CREATE", changesetId: SEED_CHANGESET },
    ]);
    expect(history[0]).toMatchObject({
      authorName: editor.name,
      changes: expect.arrayContaining([
        { field: "end", before: JSON.stringify("2021"), after: JSON.stringify("2022") },
      ]),
      source: { document: SOURCE.document },
    });
    expect(history[1]?.changes).toContainEqual({
      field: "partnershipIds",
      before: JSON.stringify([]),
      after: JSON.stringify(["p-test-ab"]),
    });
  });

  it("leaves the history alone when an import writes a project again unchanged", async () => {
    const [seeded] = await db.getRepository(Project).findBy({ id: "pr-c" });
    await seedWrite(db, (manager) =>
      upsertProjects(manager, [
        {
          id: "pr-c",
          title: "Town C alone",
          funds: [],
          start: "2020",
          partners: [],
          cityIds: ["xx-c"],
          objectives: [],
          results: [],
          sources: [],
        },
      ]),
    );
    expect(await db.getRepository(RecordVersion).countBy({ recordId: "pr-c" })).toBe(1);
    expect((await db.getRepository(Project).findOneBy({ id: "pr-c" }))?.version).toBe(seeded?.version);
  });
});
