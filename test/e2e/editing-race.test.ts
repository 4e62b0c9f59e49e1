// Concurrency through the gateway over HTTP. Two editors apply the same submitted changeset at the
// same moment: one answer is APPLIED, the other CONFLICT, and each record got exactly one new
// version. Two changesets change the same record from the same version: the first applied wins; the
// second's apply is a CONFLICT that carries the record's current values, and nothing of it is
// applied in any of the subgraphs it spans. On SQLite, and briefly on PostgreSQL (TEST_DATABASE_URL)
// in a database of its own.
import { RecordVersion } from "@twingraph/kit/subgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EditingClient, errorCode, testAccounts } from "../src/editing/client";
import { fingerprint } from "../src/editing/fingerprint";
import { type CallWorld, stage } from "../src/editing/mutation-calls";
import { createScratchDatabase, type ScratchDatabase } from "../src/editing/scratch-database";
import { SOURCES } from "../src/editing/sources";
import { type HttpFederation, httpFederation } from "../src/harness";
import { testAuth } from "../src/tokens";

const KRANJ_VILLACH = { field: "partnership", id: "p-kranj-villach" };
const VILLACH_VISIT = { field: "visit", id: "v-villach-kranj-2016-02-25" };

/** Every version a changeset wrote, in every subgraph's database. */
async function versionsWritten(federation: HttpFederation, changesetId: string): Promise<RecordVersion[]> {
  const written: RecordVersion[] = [];
  for (const db of Object.values(federation.databases))
    if (db.hasMetadata(RecordVersion))
      written.push(...(await db.getRepository(RecordVersion).findBy({ changesetId })));
  return written;
}

/** Where a suite's federation keeps its data: in-memory SQLite, or a scratch PostgreSQL database. */
type Storage = () => Promise<Partial<ScratchDatabase>>;

function raceSuite(storage: Storage): void {
  let federation: HttpFederation;
  let world: CallWorld;
  let database: Partial<ScratchDatabase>;

  beforeAll(async () => {
    database = await storage();
    federation = await httpFederation({ databaseUrl: database.url, gateway: { auth: testAuth() } });
    world = { client: new EditingClient(federation.post), accounts: await testAccounts() };
  });
  afterAll(async () => {
    await federation?.close();
    await database?.drop?.();
  });

  it("two editors apply one submitted changeset at the same moment: one wins, the other hears CONFLICT", async () => {
    const { client, accounts } = world;
    const id = await client.open(accounts.author, "Kranj and Villach sign a new cooperation agreement");
    await stage(client, accounts.author, id, "createAgreement");
    await stage(client, accounts.author, id, "createEvent");
    await stage(client, accounts.author, id, "updatePartnership");
    await client.submit(accounts.author, id);
    const partnershipVersion = await client.version(KRANJ_VILLACH);

    const answers = await Promise.all(
      [accounts.editor, accounts.reviewer].map((editor) => client.call(editor, "applyChangeset", { id })),
    );

    const applied = answers.filter((answer) => answer.data?.applyChangeset);
    const refused = answers.filter((answer) => answer.errors);
    expect(applied, JSON.stringify(answers)).toHaveLength(1);
    expect(applied[0]?.data?.applyChangeset).toMatchObject({ status: "APPLIED" });
    expect(refused.map(errorCode), JSON.stringify(refused)).toEqual(["CONFLICT"]);

    const written = await versionsWritten(federation, id);
    const byRecord = written.map(({ entity, version }) => `${entity} ${version}`).sort();
    expect(byRecord).toEqual(["Agreement 1", "Event 1", `Partnership ${partnershipVersion + 1}`]);
    expect(await client.version(KRANJ_VILLACH)).toBe(partnershipVersion + 1);
  });

  it("of two changesets from the same version, the second applied gets CONFLICT with the current values, and nothing of it is applied anywhere", async () => {
    const { client, accounts } = world;
    const partnershipVersion = await client.version(KRANJ_VILLACH);
    const visitVersion = await client.version(VILLACH_VISIT);

    // the first adds the visit's lead passage to the partnership's sources
    const first = await client.open(accounts.author, "the partnership, as the visit's report names it");
    await client.must(accounts.author, "updatePartnership", {
      changesetId: first,
      id: KRANJ_VILLACH.id,
      version: partnershipVersion,
      input: { since: "2008" },
      source: SOURCES.villachVisit,
    });
    await stage(client, accounts.author, first, "updateCity");
    await client.submit(accounts.author, first);
    // the second, from the same version, spans the agreements and news subgraphs
    const second = await client.open(accounts.owner, "the partnership's start and the visit's purpose");
    await stage(client, accounts.owner, second, "updatePartnership");
    await stage(client, accounts.owner, second, "updateVisit");
    await client.submit(accounts.owner, second);

    expect((await client.apply(accounts.editor, first)).status).toBe("APPLIED");
    const [winner] = (await versionsWritten(federation, first)).filter(
      ({ recordId }) => recordId === KRANJ_VILLACH.id,
    );
    const before = await fingerprint(federation.databases);

    const refused = await client.call(accounts.reviewer, "applyChangeset", { id: second });

    expect(errorCode(refused), JSON.stringify(refused)).toBe("CONFLICT");
    expect(refused.errors?.[0]?.extensions?.conflicts).toEqual([
      {
        subgraph: "agreements",
        entity: "Partnership",
        recordId: KRANJ_VILLACH.id,
        baseVersion: partnershipVersion,
        currentVersion: partnershipVersion + 1,
        current: winner?.after,
        reason: "stale version",
      },
    ]);
    expect(await fingerprint(federation.databases), "every table of every subgraph as it was").toEqual(
      before,
    );
    expect(await versionsWritten(federation, second)).toEqual([]);
    expect(await client.version(VILLACH_VISIT)).toBe(visitVersion);
    const seen = await client.ask(
      accounts.reviewer,
      /* GraphQL */ `query ($id: ID!) { changeset(id: $id) { status reviewerName edits { subgraph state } } }`,
      { id: second },
    );
    expect(seen.data?.changeset).toEqual({
      status: "SUBMITTED",
      reviewerName: null,
      edits: expect.arrayContaining([
        { subgraph: "agreements", state: "STAGED" },
        { subgraph: "news", state: "STAGED" },
      ]),
    });
  });
}

describe("the race, on SQLite", () => {
  raceSuite(async () => ({}));
});

const serverUrl = process.env.TEST_DATABASE_URL;
describe.skipIf(!serverUrl)(
  serverUrl ? "the race, on PostgreSQL" : "the race on PostgreSQL: skipped, TEST_DATABASE_URL is not set",
  () => {
    raceSuite(() => createScratchDatabase(serverUrl as string, "editing_race"));
  },
);
