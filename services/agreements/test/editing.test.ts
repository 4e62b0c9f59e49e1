// Editing partnerships and agreements in an in-memory agreements subgraph: every mutation's
// refusals change nothing; edits applied through this subgraph's side of the apply protocol write
// values, versions and history; deprecated records leave default reads and the network, and stay
// readable by id. The Kranj–Villach agreement of 2026-11-20 is issue 11's own example; the towns
// "xx-…" are fictional. The suites run in order, each from the records the one before left, on
// SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
import { randomBytes } from "node:crypto";
import {
  type ChangeParticipant,
  createContext,
  localParticipant,
  newChangesetId,
  RecordVersion,
  StagedEdit,
  type Viewer,
} from "@twingraph/kit/subgraph";
import { type ExecutionResult, type GraphQLSchema, graphql } from "graphql";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Agreement,
  AgreementCity,
  AgreementKind,
  agreementsEditing,
  buildAgreementsSubgraph,
  openAgreementsDatabase,
  Partnership,
  PartnershipKind,
  PartnershipStatus,
  PartyKind,
  setPartnershipDistances,
  upsertAgreements,
  upsertPartnerships,
} from "../src";
import { TEST_SEED, writeTracked } from "./tracked";

const contributor: Viewer = { subject: "u-contributor", name: "Test Contributor", role: "contributor" };
const editor: Viewer = { subject: "u-editor", name: "Test Editor", role: "editor" };

/** the seed's source for the Kranj–Villach twinning (seed/src/data/kranj-villach.ts) */
const KRANJ_VILLACH = {
  document: "004_456ee31a02840778.txt",
  quote: "Beljak in Kranj imata bratske odnose od leta 2008.",
  publishedOn: "2016-02-25",
  language: "sl",
};
const NEW_AGREEMENT = {
  document: "issue 11",
  quote: "Kranj and Villach sign a new cooperation agreement on 2026-11-20",
  language: "en",
};
const fictional = (quote: string) => ({ document: "xx-edits.txt", quote, language: "en" });

// biome-ignore lint/suspicious/noExplicitAny: the assertions that read an answer check its shape
type Answer = Record<string, any>;

let db: DataSource;
let schema: GraphQLSchema;
let participant: ChangeParticipant;

async function run(
  viewer: Viewer | null,
  source: string,
  variableValues?: Record<string, unknown>,
): Promise<ExecutionResult> {
  return graphql({ schema, source, variableValues, contextValue: createContext(db, undefined, viewer) });
}

async function data(source: string, variableValues?: Record<string, unknown>) {
  const result = await run(null, source, variableValues);
  expect(result.errors).toBeUndefined();
  return result.data as Answer;
}

/** A new changeset of the contributor's, who proposes every edit here. */
function newChangeset(): string {
  return newChangesetId(contributor.subject);
}

/** Stages one mutation in a new changeset as the contributor and applies it as the editor. */
async function applied(mutation: string, variables: Record<string, unknown>): Promise<Answer> {
  const changesetId = newChangeset();
  const result = await run(contributor, mutation, { changesetId, ...variables });
  expect(result.errors).toBeUndefined();
  const prepared = await participant.prepare(changesetId, contributor.subject);
  expect(prepared).toMatchObject({ edits: 1, conflicts: [], applied: false });
  await participant.commit(changesetId, { id: editor.subject, name: editor.name });
  return result.data as Answer;
}

async function version(entity: typeof Partnership | typeof Agreement, id: string): Promise<number> {
  return (await db.getRepository(entity).findOneByOrFail({ id })).version;
}

/** What a refused mutation must leave as it was: the records, staged edits and versions. */
async function everything() {
  return {
    partnerships: await db.getRepository(Partnership).find({ order: { id: "ASC" } }),
    index: await db.getRepository(AgreementCity).find({ order: { agreementId: "ASC", cityId: "ASC" } }),
    staged: await db.getRepository(StagedEdit).count(),
    versions: await db.getRepository(RecordVersion).count(),
  };
}

const CREATE_PARTNERSHIP = `mutation($changesetId: ID!, $input: PartnershipInput!, $source: SourceInput) {
  createPartnership(changesetId: $changesetId, input: $input, source: $source) {
    subgraph entity recordId op state baseVersion authorName changes { field before after } source { quote }
  }
}`;
const UPDATE_PARTNERSHIP = `mutation($changesetId: ID!, $id: ID!, $version: Int!, $input: PartnershipPatch!, $source: SourceInput) {
  updatePartnership(changesetId: $changesetId, id: $id, version: $version, input: $input, source: $source) {
    recordId op baseVersion changes { field before after }
  }
}`;
const DEPRECATE_PARTNERSHIP = `mutation($changesetId: ID!, $id: ID!, $version: Int!, $reason: String!, $source: SourceInput) {
  deprecatePartnership(changesetId: $changesetId, id: $id, version: $version, reason: $reason, source: $source) {
    recordId op
  }
}`;
const CREATE_AGREEMENT = `mutation($changesetId: ID!, $input: AgreementInput!, $source: SourceInput) {
  createAgreement(changesetId: $changesetId, input: $input, source: $source) { recordId op }
}`;
const UPDATE_AGREEMENT = `mutation($changesetId: ID!, $id: ID!, $version: Int!, $input: AgreementPatch!, $source: SourceInput) {
  updateAgreement(changesetId: $changesetId, id: $id, version: $version, input: $input, source: $source) {
    recordId op
  }
}`;
const DEPRECATE_AGREEMENT = `mutation($changesetId: ID!, $id: ID!, $version: Int!, $reason: String!, $source: SourceInput) {
  deprecateAgreement(changesetId: $changesetId, id: $id, version: $version, reason: $reason, source: $source) {
    recordId op
  }
}`;

/** The records every suite starts from, written as the seed writes them. */
async function seed(): Promise<void> {
  await writeTracked(db, async (manager) => {
    await upsertPartnerships(manager, [
      {
        id: "p-kranj-villach",
        kind: PartnershipKind.TWINNING,
        status: PartnershipStatus.ACTIVE,
        cityIds: ["si-kranj", "at-villach"],
        since: "2008",
        sources: [KRANJ_VILLACH],
      },
      {
        id: "p-xx-twins",
        kind: PartnershipKind.TWINNING,
        status: PartnershipStatus.ACTIVE,
        cityIds: ["xx-a", "xx-b"],
        since: "2008-05",
        sources: [fictional("Town A and Town B were twinned in May 2008.")],
      },
      {
        id: "p-xx-wrong",
        kind: PartnershipKind.FRIENDSHIP,
        status: PartnershipStatus.UNKNOWN,
        cityIds: ["xx-a", "xx-c"],
        sources: [fictional("Town A and Town C are friends, a list says.")],
      },
    ]);
    await upsertAgreements(manager, [
      {
        id: "a-xx-charter",
        title: "Twinning charter of Town A and Town B",
        kind: AgreementKind.TWINNING_CHARTER,
        partnershipId: "p-xx-twins",
        parties: [{ name: "Municipality of Town A", kind: PartyKind.MUNICIPALITY, cityId: "xx-a" }],
        signatories: [],
        signedOn: "2008-05-22",
        areas: ["culture"],
        languages: ["en"],
        sources: [fictional("The charter was signed on 22 May 2008.")],
      },
    ]);
    await setPartnershipDistances(manager, new Map([["p-xx-twins", 42.5]]));
  });
}

function refusals(): void {
  const source = fictional("A test source.");
  const partnershipInput = {
    kind: "TWINNING",
    status: "ACTIVE",
    cityIds: ["xx-a", "xx-d"],
  };
  const agreementInput = { title: "Memorandum of Town A and Town D", kind: "MEMORANDUM" };
  const cases = [
    {
      name: "createPartnership",
      document: CREATE_PARTNERSHIP,
      variables: { input: partnershipInput, source },
      // a given id must be free
      stale: { input: { ...partnershipInput, id: "p-xx-twins" }, source },
    },
    {
      name: "updatePartnership",
      document: UPDATE_PARTNERSHIP,
      variables: { id: "p-xx-twins", version: 1, input: { status: "DORMANT" }, source },
      stale: { id: "p-xx-twins", version: 0, input: { status: "DORMANT" }, source },
    },
    {
      name: "deprecatePartnership",
      document: DEPRECATE_PARTNERSHIP,
      variables: { id: "p-xx-twins", version: 1, reason: "a test", source },
      stale: { id: "p-xx-twins", version: 7, reason: "a test", source },
    },
    {
      name: "createAgreement",
      document: CREATE_AGREEMENT,
      variables: { input: agreementInput, source },
      stale: { input: { ...agreementInput, id: "a-xx-charter" }, source },
    },
    {
      name: "updateAgreement",
      document: UPDATE_AGREEMENT,
      variables: { id: "a-xx-charter", version: 1, input: { areas: ["sport"] }, source },
      stale: { id: "a-xx-charter", version: 2, input: { areas: ["sport"] }, source },
    },
    {
      name: "deprecateAgreement",
      document: DEPRECATE_AGREEMENT,
      variables: { id: "a-xx-charter", version: 1, reason: "a test", source },
      stale: { id: "a-xx-charter", version: 0, reason: "a test", source },
    },
  ];

  for (const { name, document, variables, stale } of cases) {
    it(`${name}: UNAUTHENTICATED without a token, SOURCE_REQUIRED without a source, CONFLICT when stale`, async () => {
      const before = await everything();
      const changesetId = newChangeset();
      const refusals = [
        [null, variables, "UNAUTHENTICATED"],
        [contributor, { ...variables, source: null }, "SOURCE_REQUIRED"],
        [
          contributor,
          { ...variables, source: { document: "xx-edits.txt", language: "en" } },
          "SOURCE_REQUIRED",
        ],
        [contributor, stale, "CONFLICT"],
      ] as const;
      for (const [viewer, given, code] of refusals) {
        const result = await run(viewer, document, { changesetId, ...given });
        expect(
          result.errors?.map((error) => error.extensions?.code),
          code,
        ).toEqual([code]);
        expect(result.data?.[name] ?? null).toBeNull();
      }
      expect(await everything()).toEqual(before);
    });
  }

  it("answers CONFLICT with the current version and values", async () => {
    const result = await run(contributor, UPDATE_PARTNERSHIP, {
      changesetId: newChangeset(),
      id: "p-kranj-villach",
      version: 5,
      input: { status: "DORMANT" },
      source,
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      currentVersion: 1,
      current: { status: "ACTIVE", cityIds: ["si-kranj", "at-villach"], since: "2008" },
    });
  });

  it("refuses values out of form with BAD_USER_INPUT naming the field", async () => {
    const before = await everything();
    const refused = [
      [
        CREATE_PARTNERSHIP,
        { input: { ...partnershipInput, cityIds: ["xx-a", "xx-a"] }, source },
        "input.cityIds",
      ],
      [CREATE_PARTNERSHIP, { input: { ...partnershipInput, since: "20.11.2026" }, source }, "input.since"],
      [
        CREATE_PARTNERSHIP,
        { input: { ...partnershipInput, since: "2010", until: "2009" }, source },
        "input.until",
      ],
      [UPDATE_PARTNERSHIP, { id: "p-xx-twins", version: 1, input: { kind: null }, source }, "input.kind"],
      [
        CREATE_AGREEMENT,
        { input: { ...agreementInput, partnershipId: "p-xx-nowhere" }, source },
        "input.partnershipId",
      ],
      [
        UPDATE_AGREEMENT,
        { id: "a-xx-charter", version: 1, input: { parties: [{ name: " ", kind: "MUNICIPALITY" }] }, source },
        "input.parties[0].name",
      ],
    ] as const;
    for (const [document, variables, argument] of refused) {
      const result = await run(contributor, document, { changesetId: newChangeset(), ...variables });
      expect(result.errors?.[0]?.extensions, argument).toMatchObject({
        code: "BAD_USER_INPUT",
        argumentName: argument,
      });
    }
    expect(await everything()).toEqual(before);
  });
}

function appliedEdits(): void {
  it("keeps the seed's history: the records written by upserts have version 1", async () => {
    const { partnership } = await data(`{ partnership(id: "p-kranj-villach") {
      version rank history { version op changesetId authorName }
    } }`);
    expect(partnership).toEqual({
      version: 1,
      rank: "NORMAL",
      history: [{ version: 1, op: "CREATE", changesetId: TEST_SEED.changesetId, authorName: "Test seed" }],
    });
  });

  it("creates a partnership with a generated id, no distance yet, and its source", async () => {
    const { createPartnership } = await applied(CREATE_PARTNERSHIP, {
      input: { kind: "FRIENDSHIP", status: "ACTIVE", cityIds: ["xx-c", "xx-d", "xx-c"], since: "2024" },
      source: fictional("Town C and Town D became friends in 2024."),
    });
    expect(createPartnership).toMatchObject({
      subgraph: "agreements",
      entity: "Partnership",
      op: "CREATE",
      state: "STAGED",
      baseVersion: null,
      authorName: "Test Contributor",
      source: { quote: "Town C and Town D became friends in 2024." },
    });
    expect(createPartnership.recordId).toMatch(/^p-c-d-[0-9a-f]{6}$/);
    expect(createPartnership.changes).toContainEqual({
      field: "cityIds",
      before: null,
      after: '["xx-c","xx-d"]',
    });
    const { partnership } = await data(
      `query($id: ID!) { partnership(id: $id) {
        version rank kind status since distanceKm cities { id } sources { quote }
        history { version op authorName }
      } }`,
      { id: createPartnership.recordId },
    );
    expect(partnership).toEqual({
      version: 1,
      rank: "NORMAL",
      kind: "FRIENDSHIP",
      status: "ACTIVE",
      since: "2024",
      distanceKm: null,
      cities: [{ id: "xx-c" }, { id: "xx-d" }],
      sources: [{ quote: "Town C and Town D became friends in 2024." }],
      history: [{ version: 1, op: "CREATE", authorName: "Test Contributor" }],
    });
  });

  it("takes a new partnership and the agreement made for it in one changeset, and refuses an unknown one", async () => {
    const changesetId = newChangeset();
    const partnershipEdit = await run(contributor, CREATE_PARTNERSHIP, {
      changesetId,
      input: { id: "p-xx-g-h", kind: "TWINNING", status: "ACTIVE", cityIds: ["xx-g", "xx-h"] },
      source: fictional("Town G and Town H were twinned in 2025."),
    });
    expect(partnershipEdit.errors).toBeUndefined();
    const charter = {
      input: {
        title: "Twinning charter of Town G and Town H",
        kind: "TWINNING_CHARTER",
        partnershipId: "p-xx-g-h",
      },
      source: fictional("Town G and Town H signed their twinning charter."),
    };
    const elsewhere = await run(contributor, CREATE_AGREEMENT, { changesetId: newChangeset(), ...charter });
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "input.partnershipId",
    });
    expect((await run(contributor, CREATE_AGREEMENT, { changesetId, ...charter })).errors).toBeUndefined();
    expect(await participant.prepare(changesetId, contributor.subject)).toMatchObject({
      edits: 2,
      conflicts: [],
    });
    await participant.commit(changesetId, { id: editor.subject, name: editor.name });
    const { partnership } = await data(`{ partnership(id: "p-xx-g-h") { version agreements { title } } }`);
    expect(partnership).toEqual({
      version: 1,
      agreements: [{ title: "Twinning charter of Town G and Town H" }],
    });
  });

  it("marks a partnership dormant, then revived: two versions, both steps in its history", async () => {
    const dormant = await applied(UPDATE_PARTNERSHIP, {
      id: "p-xx-twins",
      version: 1,
      input: { status: "DORMANT" },
      source: fictional("The twinning of Town A and Town B has been dormant since 2015."),
    });
    expect(dormant.updatePartnership).toMatchObject({ op: "UPDATE", baseVersion: 1 });
    expect(dormant.updatePartnership.changes).toContainEqual({
      field: "status",
      before: '"ACTIVE"',
      after: '"DORMANT"',
    });
    await applied(UPDATE_PARTNERSHIP, {
      id: "p-xx-twins",
      version: 2,
      input: { status: "REVIVED" },
      source: fictional("Town A and Town B revived their twinning."),
    });
    const { partnership } = await data(`{ partnership(id: "p-xx-twins") {
      version status distanceKm sources { quote }
      history { entity version op changes { field before after } source { quote } }
    } }`);
    expect(partnership).toMatchObject({ version: 3, status: "REVIVED", distanceKm: 42.5 });
    // the dossier's history also holds the versions of the agreements made for the partnership
    expect(partnership.history).toContainEqual(
      expect.objectContaining({ entity: "Agreement", op: "CREATE" }),
    );
    expect(partnership.sources.map((source: { quote: string }) => source.quote)).toEqual([
      "Town A and Town B were twinned in May 2008.",
      "The twinning of Town A and Town B has been dormant since 2015.",
      "Town A and Town B revived their twinning.",
    ]);
    type Change = {
      entity: string;
      version: number;
      op: string;
      changes: { field: string }[];
      source: { quote: string };
    };
    const steps = partnership.history
      .filter((change: Change) => change.entity === "Partnership")
      .map((change: Change) => ({
        version: change.version,
        op: change.op,
        status: change.changes.find((field) => field.field === "status"),
        quote: change.source?.quote,
      }));
    expect(steps).toEqual([
      {
        version: 3,
        op: "UPDATE",
        status: { field: "status", before: '"DORMANT"', after: '"REVIVED"' },
        quote: "Town A and Town B revived their twinning.",
      },
      {
        version: 2,
        op: "UPDATE",
        status: { field: "status", before: '"ACTIVE"', after: '"DORMANT"' },
        quote: "The twinning of Town A and Town B has been dormant since 2015.",
      },
      expect.objectContaining({ version: 1, op: "CREATE" }),
    ]);
  });

  it("creates the Kranj–Villach agreement of 2026-11-20 for their partnership", async () => {
    const { createAgreement } = await applied(CREATE_AGREEMENT, {
      input: {
        title: "Cooperation agreement of Kranj and Villach",
        kind: "COOPERATION_AGREEMENT",
        partnershipId: "p-kranj-villach",
        parties: [
          { name: "Mestna občina Kranj", kind: "MUNICIPALITY", cityId: "si-kranj", countryCode: "si" },
          { name: "Stadt Villach", kind: "MUNICIPALITY", cityId: "at-villach", countryCode: "AT" },
        ],
        signedOn: "2026-11-20",
      },
      source: NEW_AGREEMENT,
    });
    expect(createAgreement.recordId).toMatch(/^a-cooperation-agreement-of-kranj-and-villach-[0-9a-f]{6}$/);
    const result = await data(
      `query($id: ID!) {
        agreement(id: $id) { version signedOn parties { name country { code } } sources { quote } }
        agreements(cityId: "at-villach") { id }
        partnership(id: "p-kranj-villach") { agreements { id } }
      }`,
      { id: createAgreement.recordId },
    );
    expect(result).toEqual({
      agreement: {
        version: 1,
        signedOn: "2026-11-20",
        parties: [
          { name: "Mestna občina Kranj", country: { code: "SI" } },
          { name: "Stadt Villach", country: { code: "AT" } },
        ],
        sources: [{ quote: NEW_AGREEMENT.quote }],
      },
      agreements: [{ id: createAgreement.recordId }],
      partnership: { agreements: [{ id: createAgreement.recordId }] },
    });
  });

  it("updates an agreement's fields, and a partnership's places re-index its agreements", async () => {
    await applied(UPDATE_AGREEMENT, {
      id: "a-xx-charter",
      version: 1,
      input: { areas: ["culture", "sport"], renewal: null },
      source: fictional("The charter covers culture and sport."),
    });
    const twins = await version(Partnership, "p-xx-twins");
    await applied(UPDATE_PARTNERSHIP, {
      id: "p-xx-twins",
      version: twins,
      input: { cityIds: ["xx-a", "xx-e"] },
      source: fictional("Town E took the place of Town B."),
    });
    const result = await data(`{
      agreement(id: "a-xx-charter") { version areas history { version op } }
      e: agreements(cityId: "xx-e") { id }
      b: agreements(cityId: "xx-b") { id }
    }`);
    expect(result).toEqual({
      agreement: {
        version: 2,
        areas: ["culture", "sport"],
        history: [
          { version: 2, op: "UPDATE" },
          { version: 1, op: "CREATE" },
        ],
      },
      e: [{ id: "a-xx-charter" }],
      b: [],
    });
  });
}

function deprecatedRecords(): void {
  const CITY_READS = `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on City { id partnerships { id } partners { id } agreements { id } }
    ... on Partnership { id rank deprecationReason }
    ... on Agreement { id rank }
  } }`;

  it("leave lists, cities' fields and the network, and stay readable by id", async () => {
    const network = `{ network { nodeCount partnershipCount links(first: 100) { partnershipId } } }`;
    const before = await data(network);
    expect(before.network.links.map((link: { partnershipId: string }) => link.partnershipId)).toContain(
      "p-xx-wrong",
    );

    await applied(DEPRECATE_PARTNERSHIP, {
      id: "p-xx-wrong",
      version: 1,
      reason: "Town A and Town C were never partners.",
      source: fictional("Town A has no partnership with Town C."),
    });
    await applied(DEPRECATE_AGREEMENT, {
      id: "a-xx-charter",
      version: await version(Agreement, "a-xx-charter"),
      reason: "The charter was never signed.",
      source: fictional("No charter was signed."),
    });

    const after = await data(network);
    expect(after.network.partnershipCount).toBe(before.network.partnershipCount - 1);
    expect(after.network.links.map((link: { partnershipId: string }) => link.partnershipId)).not.toContain(
      "p-xx-wrong",
    );

    const lists = await data(`{
      partnerships(first: 100) { id }
      all: partnerships(first: 100, includeDeprecated: true) { id }
      between: partnershipBetween(cityIds: ["xx-a", "xx-c"]) { id }
      agreements(first: 100) { id }
      allAgreements: agreements(first: 100, includeDeprecated: true) { id }
      twins: partnership(id: "p-xx-twins") { agreements { id } }
      wrong: partnership(id: "p-xx-wrong") { rank deprecationReason version }
      charter: agreement(id: "a-xx-charter") { rank deprecationReason }
    }`);
    const ids = (records: { id: string }[]) => records.map((record) => record.id);
    expect(ids(lists.partnerships)).not.toContain("p-xx-wrong");
    expect(ids(lists.all)).toContain("p-xx-wrong");
    expect(lists.between).toBeNull();
    expect(ids(lists.agreements)).not.toContain("a-xx-charter");
    expect(ids(lists.allAgreements)).toContain("a-xx-charter");
    expect(lists.twins.agreements).toEqual([]);
    expect(lists.wrong).toEqual({
      rank: "DEPRECATED",
      deprecationReason: "Town A and Town C were never partners.",
      version: 2,
    });
    expect(lists.charter).toEqual({ rank: "DEPRECATED", deprecationReason: "The charter was never signed." });

    const entities = await data(CITY_READS, {
      r: [
        { __typename: "City", id: "xx-a" },
        { __typename: "City", id: "xx-c" },
        { __typename: "Partnership", id: "p-xx-wrong" },
        { __typename: "Agreement", id: "a-xx-charter" },
      ],
    });
    expect(entities._entities).toEqual([
      { id: "xx-a", partnerships: [{ id: "p-xx-twins" }], partners: [{ id: "xx-e" }], agreements: [] },
      {
        id: "xx-c",
        partnerships: [{ id: expect.stringMatching(/^p-c-d-/) }],
        partners: [{ id: "xx-d" }],
        agreements: [],
      },
      { id: "p-xx-wrong", rank: "DEPRECATED", deprecationReason: "Town A and Town C were never partners." },
      { id: "a-xx-charter", rank: "DEPRECATED" },
    ]);
  });
}

function describeEditing(title: string, open: () => Promise<DataSource>, close: () => Promise<void>): void {
  describe(title, () => {
    beforeAll(async () => {
      db = await open();
      schema = (await buildAgreementsSubgraph()).schema;
      participant = localParticipant("agreements", db, agreementsEditing);
      await seed();
    });
    afterAll(close);
    describe("refused edits change nothing", refusals);
    describe("applied edits", appliedEdits);
    describe("deprecated records", deprecatedRecords);
  });
}

describeEditing(
  "editing partnerships and agreements on SQLite",
  () => openAgreementsDatabase({ url: ":memory:" }),
  () => db.destroy(),
);

const url = process.env.TEST_DATABASE_URL;
const scratchSchema = `scratch_agreements_editing_${randomBytes(4).toString("hex")}`;

describe.skipIf(!url)(
  url ? "PostgreSQL" : "PostgreSQL tests skipped: set TEST_DATABASE_URL=postgres://... to run them",
  () => {
    // the agreements' own migrations build the scratch schema
    describeEditing(
      "editing partnerships and agreements on PostgreSQL",
      () => openAgreementsDatabase({ url, schema: scratchSchema }),
      async () => {
        await db.query(`DROP SCHEMA IF EXISTS "${scratchSchema}" CASCADE`);
        await db.destroy();
      },
    );
  },
);
