// The writes and reads a seed runs over every partnership, with more partnerships than one statement
// takes: new ones inserted beside merged ones, members in their order, distances stored exactly
// (awkward doubles, a cleared one, ids that need quoting), on SQLite and, with TEST_DATABASE_URL,
// on PostgreSQL.
import { randomBytes } from "node:crypto";
import { RecordVersion } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  memberKey,
  openAgreementsDatabase,
  Partnership,
  type PartnershipInput,
  PartnershipKind,
  PartnershipStatus,
  partnershipMembers,
  partnershipsByMembers,
  setPartnershipDistances,
  upsertPartnerships,
} from "../src";
import { writeTracked } from "./tracked";

/** More than a batch of 500 and than one distance statement's 5,000. */
const COUNT = 5_001;
const source = (quote: string) => ({ document: "xx-bulk.txt", quote });

/** Partnership n: its members in an order that is not sorted, its id one that needs quoting now and then. */
function input(n: number, quote: string): PartnershipInput {
  return {
    id: n % 1000 === 7 ? `p-xx-o'${n}-ünï` : `p-xx-${n}`,
    kind: PartnershipKind.TWINNING,
    status: PartnershipStatus.UNKNOWN,
    cityIds: [`xx-z${n}`, `xx-a${n}`],
    since: n % 2 === 0 ? `${1950 + (n % 70)}` : null,
    sources: [source(quote)],
  };
}

const inputs = Array.from({ length: COUNT }, (_, n) => input(n, "listed"));
/** Distances that text could round wrongly, and one that is cleared again. */
const awkward = [0.1 + 0.2, 1 / 3, 1e-7, 12_345.6, 20_015.1, Math.PI * 1000, 5e-324];

let db: DataSource;

function bulkWrites(): void {
  it("inserts the new partnerships and merges the existing ones, each with its history", async () => {
    const existing = inputs
      .slice(0, 3)
      .map((partnership) => ({ ...partnership, since: "1949", sources: [source("first listed")] }));
    await writeTracked(db, (manager) => upsertPartnerships(manager, existing));
    await writeTracked(db, (manager) => upsertPartnerships(manager, inputs));

    const stored = await db.getRepository(Partnership).find({ order: { id: "ASC" } });
    expect(stored).toHaveLength(COUNT);
    const byId = new Map(stored.map((partnership) => [partnership.id, partnership]));
    // an existing partnership keeps its start and gains the new source
    expect(byId.get(inputs[0].id)).toMatchObject({
      since: "1949",
      sources: [source("first listed"), source("listed")],
      version: 2,
      distanceKm: null,
    });
    expect(byId.get(inputs[4].id)).toMatchObject({
      name: null,
      kind: PartnershipKind.TWINNING,
      status: PartnershipStatus.UNKNOWN,
      since: "1954",
      until: null,
      memberCount: null,
      sources: [source("listed")],
      version: 1,
      rank: "NORMAL",
      deprecationReason: null,
      distanceKm: null,
    });
    const versions = await db.getRepository(RecordVersion).find({ where: { entity: "Partnership" } });
    expect(versions.filter((version) => version.op === "CREATE")).toHaveLength(COUNT);
  });

  it("reads every partnership's members in their order, and finds a partnership by its members", async () => {
    const members = await partnershipMembers(db.manager);
    expect(members).toHaveLength(COUNT);
    const byId = new Map(members.map((partnership) => [partnership.id, partnership]));
    for (const partnership of inputs)
      expect(byId.get(partnership.id)).toEqual({
        id: partnership.id,
        cityIds: partnership.cityIds,
        distanceKm: null,
      });
    const byMembers = await partnershipsByMembers(db.manager);
    expect(byMembers.size).toBe(COUNT);
    for (const partnership of inputs)
      expect(byMembers.get(memberKey(partnership.cityIds))).toBe(partnership.id);
  });

  it("stores every distance exactly, clears one and leaves the partnerships not named as they were", async () => {
    const distance = (n: number) => awkward[n % awkward.length] + n;
    const first = new Map(inputs.map((partnership, n) => [partnership.id, distance(n)]));
    await writeTracked(db, (manager) => setPartnershipDistances(manager, first));
    const second = new Map<string, number | null>([
      [inputs[1].id, null],
      [inputs[2].id, 5e-324],
    ]);
    await writeTracked(db, (manager) => setPartnershipDistances(manager, second));

    const stored = new Map(
      (await db.getRepository(Partnership).find({ select: { id: true, distanceKm: true } })).map(
        (partnership) => [partnership.id, partnership.distanceKm],
      ),
    );
    const expected = new Map([...first, ...second]);
    expect(stored).toEqual(expected);
    const read = new Map(
      (await partnershipMembers(db.manager)).map((partnership) => [partnership.id, partnership.distanceKm]),
    );
    expect(read).toEqual(expected);
  });
}

describe("bulk partnership writes on SQLite", () => {
  beforeAll(async () => {
    db = await openAgreementsDatabase({ url: ":memory:" });
  });
  afterAll(() => db.destroy());
  bulkWrites();
});

const url = process.env.TEST_DATABASE_URL;
const scratchSchema = `scratch_agreements_bulk_${randomBytes(4).toString("hex")}`;

describe.skipIf(!url)(
  url
    ? "bulk partnership writes on PostgreSQL"
    : "PostgreSQL tests skipped: set TEST_DATABASE_URL=postgres://... to run them",
  () => {
    beforeAll(async () => {
      db = await openAgreementsDatabase({ url, schema: scratchSchema });
    });
    afterAll(async () => {
      await db.query(`DROP SCHEMA IF EXISTS "${scratchSchema}" CASCADE`);
      await db.destroy();
    });
    bulkWrites();
  },
);
