// Editing cities in this subgraph alone: each mutation's refusals change nothing; a staged edit
// becomes data only when its changeset is applied (here through the local participant's prepare and
// commit, as the changes subgraph would), with a version and history; deprecated cities leave the
// default reads. The facts are those of the coal towns' news page (001_f0cc4ea257220436.txt) and of
// the Kranj–Villach news page (004_456ee31a02840778.txt); "ba-pljevlja" is a deliberately wrong record.
import { randomBytes } from "node:crypto";
import {
  type ChangeParticipant,
  createContext,
  DataRevision,
  localParticipant,
  newChangesetId,
  RecordVersion,
  StagedEdit,
  setChangeContext,
  type Viewer,
} from "@twingraph/kit/subgraph";
import { type ExecutionResult, type GraphQLSchema, graphql } from "graphql";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCitiesSubgraph, City, CityName, openCitiesDatabase, upsertCities } from "../src";
import { cityEditRegistry } from "../src/editing";

const COAL_TOWNS = "001_f0cc4ea257220436.txt";
const LEAD =
  "Predstavniki premogovnih mest Pljevlja (Črna gora), Lukavac (Bosna in Hercegovina) in Velenje so podpisali sporazum o sodelovanju.";
const APPLIED =
  "Velenjska občina je skupaj z občino Plevlja v sklopu programa Coal Regions Exchange Western Balkan uspešno prijavila program izmenjave med regijami iz Evropske unije in Zahodnega Balkana ter Ukrajine.";
const KRANJ_VILLACH = "004_456ee31a02840778.txt";
const BELJAK =
  "V Kranju sta se 25. februarja 2016 na delovnem obisku mudili prva podžupanja pobratenega mesta Beljak dr. Petra Oberrauner ter predstavnica za evropsko politiko v tamkajšnji mestni upravi Laura Nemann.";

const lead = { document: COAL_TOWNS, quote: LEAD, language: "sl" };
const contributor: Viewer = { subject: "acct-contributor", name: "Test Contributor", role: "contributor" };
const editor: Viewer = { subject: "acct-editor", name: "Test Editor", role: "editor" };

let db: DataSource;
let schema: GraphQLSchema;
let participant: ChangeParticipant;

async function openAndSeed(open: () => Promise<DataSource>): Promise<void> {
  db = await open();
  schema = (await buildCitiesSubgraph()).schema;
  participant = localParticipant("cities", db, cityEditRegistry);
  await db.transaction(async (manager) => {
    const seed = { id: "seed", name: "seed" };
    setChangeContext(manager, { changesetId: newChangesetId(seed.id), author: seed });
    await upsertCities(manager, [
      { id: "si-velenje", name: "Velenje", countryCode: "SI", aliases: [], sources: [lead] },
      { id: "ba-lukavac", name: "Lukavac", countryCode: "BA", aliases: [], sources: [lead] },
      { id: "ba-pljevlja", name: "Pljevlja", countryCode: "BA", aliases: [], sources: [lead] },
      {
        id: "at-villach",
        name: "Villach",
        countryCode: "AT",
        aliases: [],
        gazetteerNames: ["Filah"],
        sources: [{ document: KRANJ_VILLACH, quote: BELJAK, language: "sl" }],
      },
    ]);
  });
}

function run(
  source: string,
  variableValues: Record<string, unknown>,
  viewer: Viewer | null = null,
): Promise<ExecutionResult> {
  return graphql({ schema, source, variableValues, contextValue: createContext(db, undefined, viewer) });
}

/** Every row of the tables an edit may touch, to show that a refused one touched none. */
async function everyRow(): Promise<unknown[][]> {
  const tables = [City, CityName, StagedEdit, RecordVersion, DataRevision];
  const rows = await Promise.all(tables.map((table) => db.getRepository<object>(table).find()));
  return rows.map((list) => list.map((row) => JSON.stringify(row)).sort());
}

/** A new changeset of the contributor's, who proposes every edit here. */
const contributorsChangeset = () => newChangesetId(contributor.subject);

/** Applies a changeset here as the changes subgraph would: prepare, then commit. */
async function apply(changesetId: string): Promise<void> {
  const prepared = await participant.prepare(changesetId, contributor.subject);
  expect(prepared.conflicts).toEqual([]);
  await participant.commit(changesetId, { id: editor.subject, name: editor.name });
}

const CREATE = /* GraphQL */ `
  mutation ($cs: ID!, $input: CityInput!, $source: SourceInput) {
    createCity(changesetId: $cs, input: $input, source: $source) {
      subgraph entity recordId op state baseVersion authorName
      changes { field before after }
    }
  }
`;
const UPDATE = /* GraphQL */ `
  mutation ($cs: ID!, $id: ID!, $version: Int!, $input: CityPatch!, $source: SourceInput) {
    updateCity(changesetId: $cs, id: $id, version: $version, input: $input, source: $source) {
      recordId op state baseVersion changes { field before after }
    }
  }
`;
const DEPRECATE = /* GraphQL */ `
  mutation ($cs: ID!, $id: ID!, $version: Int!, $reason: String!, $source: SourceInput) {
    deprecateCity(changesetId: $cs, id: $id, version: $version, reason: $reason, source: $source) {
      recordId op state baseVersion
    }
  }
`;
const CITY = /* GraphQL */ `
  query ($id: ID!) {
    city(id: $id) {
      id name country { code } version rank deprecationReason
      aliases { name language }
      sources { document quote }
      history { version op changesetId authorName changes { field before after } source { document } }
    }
  }
`;

const pljevlja = { name: "Pljevlja", countryCode: "ME" };

/** One valid call of each mutation, in a changeset of its own. */
const mutations = {
  createCity: (cs: string) => ({ source: CREATE, variables: { cs, input: pljevlja, source: lead } }),
  updateCity: (cs: string) => ({
    source: UPDATE,
    variables: { cs, id: "ba-lukavac", version: 1, input: { population: 1 }, source: lead },
  }),
  deprecateCity: (cs: string) => ({
    source: DEPRECATE,
    variables: { cs, id: "ba-lukavac", version: 1, reason: "a test", source: lead },
  }),
};

const codeOf = (result: ExecutionResult) => result.errors?.[0]?.extensions?.code;

function aliasList(count: number): { name: string; language: string }[] {
  return Array.from({ length: count }, (_, index) => ({ name: `Alias ${index + 1}`, language: "sl" }));
}

/** The whole story on one database: refusals first, then edits applied one after another. */
function describeCityEditing(
  title: string,
  open: () => Promise<DataSource>,
  close: () => Promise<void>,
): void {
  describe(title, () => {
    beforeAll(() => openAndSeed(open));
    afterAll(close);

    describe("city mutations refuse, and change nothing", () => {
      // contributor is the lowest role and may propose every city edit, so none of them is FORBIDDEN
      for (const [name, call] of Object.entries(mutations)) {
        it(`${name}: UNAUTHENTICATED without a token`, async () => {
          const before = await everyRow();
          const { source, variables } = call(contributorsChangeset());
          const result = await run(source, variables, null);
          expect(codeOf(result)).toBe("UNAUTHENTICATED");
          expect(await everyRow()).toEqual(before);
        });

        it(`${name}: SOURCE_REQUIRED without a source, or with one that quotes nothing`, async () => {
          const before = await everyRow();
          const { source, variables } = call(contributorsChangeset());
          expect(codeOf(await run(source, { ...variables, source: null }, contributor))).toBe(
            "SOURCE_REQUIRED",
          );
          const unquoted = { ...variables, source: { document: COAL_TOWNS, language: "sl" } };
          expect(codeOf(await run(source, unquoted, contributor))).toBe("SOURCE_REQUIRED");
          expect(await everyRow()).toEqual(before);
        });
      }

      for (const name of ["updateCity", "deprecateCity"] as const) {
        it(`${name}: CONFLICT with the current version and values when the version read is stale`, async () => {
          const before = await everyRow();
          const { source, variables } = mutations[name](contributorsChangeset());
          const result = await run(source, { ...variables, version: 7 }, contributor);
          expect(codeOf(result)).toBe("CONFLICT");
          expect(result.errors?.[0]?.extensions).toMatchObject({
            currentVersion: 1,
            current: { name: "Lukavac", countryCode: "BA" },
          });
          expect(await everyRow()).toEqual(before);
        });

        it(`${name}: NOT_FOUND for a city that does not exist`, async () => {
          const before = await everyRow();
          const { source, variables } = mutations[name](contributorsChangeset());
          const result = await run(source, { ...variables, id: "ba-nowhere" }, contributor);
          expect(codeOf(result)).toBe("NOT_FOUND");
          expect(await everyRow()).toEqual(before);
        });
      }

      it("createCity: CONFLICT for an id that is taken", async () => {
        const before = await everyRow();
        const input = { name: "Lukavac", countryCode: "BA" };
        const result = await run(CREATE, { cs: contributorsChangeset(), input, source: lead }, contributor);
        expect(codeOf(result)).toBe("CONFLICT");
        expect(await everyRow()).toEqual(before);
      });

      it.each([
        ["an unknown country", { ...pljevlja, countryCode: "XX" }, "input.countryCode"],
        ["a latitude out of range", { ...pljevlja, latitude: 91 }, "input.latitude"],
        ["a longitude out of range", { ...pljevlja, longitude: -180.5 }, "input.longitude"],
        ["a Wikidata id not of the form Q123", { ...pljevlja, wikidataId: "437" }, "input.wikidataId"],
        ["a name of 201 characters", { ...pljevlja, name: "P".repeat(201) }, "input.name"],
        ["51 aliases", { ...pljevlja, aliases: aliasList(51) }, "input.aliases"],
        [
          "an alias given twice",
          { ...pljevlja, aliases: [...aliasList(1), ...aliasList(1)] },
          "input.aliases",
        ],
        ["an id not of the form <country>-<slug>", { ...pljevlja, id: "Pljevlja" }, "input.id"],
      ])("createCity: BAD_USER_INPUT for %s", async (_, input, argumentName) => {
        const before = await everyRow();
        const result = await run(CREATE, { cs: contributorsChangeset(), input, source: lead }, contributor);
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName });
        expect(await everyRow()).toEqual(before);
      });

      it("updateCity: BAD_USER_INPUT for a patch that clears the name or changes nothing", async () => {
        const before = await everyRow();
        const { source, variables } = mutations.updateCity(contributorsChangeset());
        const cleared = await run(source, { ...variables, input: { name: null } }, contributor);
        expect(cleared.errors?.[0]?.extensions).toMatchObject({
          code: "BAD_USER_INPUT",
          argumentName: "input.name",
        });
        const empty = await run(source, { ...variables, input: {} }, contributor);
        expect(empty.errors?.[0]?.extensions).toMatchObject({
          code: "BAD_USER_INPUT",
          argumentName: "input",
        });
        expect(await everyRow()).toEqual(before);
      });
    });

    describe("a city edit applied", () => {
      it("creates a city: staged and invisible, then, once applied, at version 1 with its history", async () => {
        const cs = contributorsChangeset();
        const staged = await run(CREATE, { cs, input: pljevlja, source: lead }, contributor);
        expect(staged.errors).toBeUndefined();
        expect(staged.data?.createCity).toMatchObject({
          subgraph: "cities",
          entity: "City",
          recordId: "me-pljevlja",
          op: "CREATE",
          state: "STAGED",
          baseVersion: null,
          authorName: contributor.name,
          changes: expect.arrayContaining([
            { field: "name", before: null, after: '"Pljevlja"' },
            { field: "countryCode", before: null, after: '"ME"' },
          ]),
        });
        expect((await run(CITY, { id: "me-pljevlja" })).data).toEqual({ city: null });

        await apply(cs);

        const { data, errors } = await run(CITY, { id: "me-pljevlja" });
        expect(errors).toBeUndefined();
        expect(data?.city).toMatchObject({
          name: "Pljevlja",
          country: { code: "ME" },
          version: 1,
          rank: "NORMAL",
          aliases: [],
          sources: [{ document: COAL_TOWNS, quote: LEAD }],
          history: [
            {
              version: 1,
              op: "CREATE",
              changesetId: cs,
              authorName: contributor.name,
              source: { document: COAL_TOWNS },
            },
          ],
        });
      });

      it("updates a city: fields and aliases set, gazetteer names kept, the version and history moved on", async () => {
        const source = { document: KRANJ_VILLACH, quote: BELJAK, language: "sl" };
        const input = { aliases: [{ name: "Beljak", language: "sl" }] };
        const cs = contributorsChangeset();
        const staged = await run(UPDATE, { cs, id: "at-villach", version: 1, input, source }, contributor);
        expect(staged.errors).toBeUndefined();
        expect(staged.data?.updateCity).toMatchObject({ op: "UPDATE", state: "STAGED", baseVersion: 1 });

        await apply(cs);

        const { data } = await run(CITY, { id: "at-villach" });
        expect(data?.city).toMatchObject({
          version: 2,
          aliases: [
            { name: "Beljak", language: "sl" },
            { name: "Filah", language: null },
          ],
        });
        type History = { history: { version: number; op: string; changes: { field: string }[] }[] };
        const { history } = data!.city as History;
        expect(history.map((change) => [change.version, change.op])).toEqual([
          [2, "UPDATE"],
          [1, "CREATE"],
        ]);
        expect(history[0]!.changes).toContainEqual({
          field: "aliases",
          before: "[]",
          after: JSON.stringify([{ name: "Beljak", language: "sl" }]),
        });
      });

      it("answers a second update based on the version before it with CONFLICT", async () => {
        const variables = {
          cs: contributorsChangeset(),
          id: "at-villach",
          version: 1,
          input: { population: 1 },
          source: lead,
        };
        const result = await run(UPDATE, variables, contributor);
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2 });
      });

      it("lets a later update change the alias it added", async () => {
        const source = { document: COAL_TOWNS, quote: APPLIED, language: "sl" };
        const input = { aliases: [{ name: "Plevlja", language: "sl" }] };
        const cs = contributorsChangeset();
        const variables = { cs, id: "me-pljevlja", version: 1, input, source };
        expect((await run(UPDATE, variables, contributor)).errors).toBeUndefined();
        await apply(cs);
        const { data } = await run(CITY, { id: "me-pljevlja" });
        expect(data?.city).toMatchObject({ version: 2, aliases: [{ name: "Plevlja", language: "sl" }] });
      });

      it("deprecates a wrong city: left out of searches and lists unless asked, still found by id", async () => {
        const reason =
          "Pljevlja is in Montenegro (Črna gora), not in Bosnia and Herzegovina: see me-pljevlja";
        const cs = contributorsChangeset();
        const variables = {
          cs,
          id: "ba-pljevlja",
          version: 1,
          reason,
          source: lead,
        };
        const staged = await run(DEPRECATE, variables, contributor);
        expect(staged.errors).toBeUndefined();
        await apply(cs);

        const found = await run(
          /* GraphQL */ `
            query ($all: Boolean) {
              findCities(name: "Pljevlja", includeDeprecated: $all) { id }
              searchCities(name: "Pljevlja", includeDeprecated: $all) { city { id } }
              cities(country: "BA", includeDeprecated: $all) { id }
            }
          `,
          { all: false },
        );
        expect(found.data).toEqual({
          findCities: [{ id: "me-pljevlja" }],
          searchCities: [{ city: { id: "me-pljevlja" } }],
          cities: [{ id: "ba-lukavac" }],
        });
        const all = await run(
          `{ findCities(name: "Pljevlja", includeDeprecated: true) { id } cities(country: "BA", includeDeprecated: true) { id } }`,
          {},
        );
        expect(all.data).toEqual({
          findCities: expect.arrayContaining([{ id: "ba-pljevlja" }, { id: "me-pljevlja" }]),
          cities: [{ id: "ba-lukavac" }, { id: "ba-pljevlja" }],
        });

        const { data } = await run(CITY, { id: "ba-pljevlja" });
        expect(data?.city).toMatchObject({ version: 2, rank: "DEPRECATED", deprecationReason: reason });
        const reference = await run(
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on City { id rank } } }`,
          { r: [{ __typename: "City", id: "ba-pljevlja" }] },
        );
        expect(reference.data?._entities).toEqual([{ id: "ba-pljevlja", rank: "DEPRECATED" }]);
      });
    });
  });
}

describeCityEditing(
  "editing cities on SQLite",
  () => openCitiesDatabase({ url: ":memory:" }),
  () => db.destroy(),
);

const url = process.env.TEST_DATABASE_URL;
const scratchSchema = `scratch_cities_editing_${randomBytes(4).toString("hex")}`;

describe.skipIf(!url)(
  url ? "PostgreSQL" : "PostgreSQL tests skipped: set TEST_DATABASE_URL=postgres://... to run them",
  () => {
    // the cities' own migrations build the scratch schema
    describeCityEditing(
      "editing cities on PostgreSQL",
      () => openCitiesDatabase({ url, schema: scratchSchema }),
      async () => {
        await db.query(`DROP SCHEMA IF EXISTS "${scratchSchema}" CASCADE`);
        await db.destroy();
      },
    );
  },
);
