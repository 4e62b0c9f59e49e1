// The agreements ingest module's writes do not depend on their order or on clean input: an agreement
// written before its partnership, and a city or partnership named twice in one write.
import { type Executor, localExecutor } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AgreementKind,
  buildAgreementsSubgraph,
  openAgreementsDatabase,
  PartnershipCity,
  PartnershipKind,
  PartnershipStatus,
  PartyKind,
  upsertAgreements,
  upsertPartnerships,
} from "../src";
import { writeTracked } from "./tracked";

let db: DataSource;
let run: Executor;
const source = (quote: string) => ({ document: "xx-store.txt", quote });

beforeAll(async () => {
  db = await openAgreementsDatabase({ url: ":memory:" });
  const { schema } = await buildAgreementsSubgraph();
  run = localExecutor(schema, db);
});
afterAll(() => db.destroy());

describe("agreements ingest", () => {
  it("indexes an agreement written before its partnership for the partnership's cities", async () => {
    await writeTracked(db, (manager) =>
      upsertAgreements(manager, [
        {
          id: "a-early",
          title: "Early charter",
          kind: AgreementKind.TWINNING_CHARTER,
          partnershipId: "p-late",
          parties: [{ name: "A council", kind: PartyKind.MUNICIPALITY }],
          signatories: [],
          areas: [],
          languages: [],
          sources: [source("charter")],
        },
      ]),
    );
    await writeTracked(db, (manager) =>
      upsertPartnerships(manager, [
        {
          id: "p-late",
          kind: PartnershipKind.TWINNING,
          status: PartnershipStatus.ACTIVE,
          cityIds: ["xx-e", "xx-f"],
          sources: [source("twinned")],
        },
      ]),
    );
    const result = await run(
      `{ agreements(cityId: "xx-e") { id } partnership(id: "p-late") { agreements { id } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      agreements: [{ id: "a-early" }],
      partnership: { agreements: [{ id: "a-early" }] },
    });
  });

  it("takes a partnership named twice in one write, with a city repeated, as one with both sources", async () => {
    const twice = {
      id: "p-twice",
      kind: PartnershipKind.FRIENDSHIP,
      status: PartnershipStatus.UNKNOWN,
      cityIds: ["xx-g", "xx-h", "xx-g"],
    };
    await writeTracked(db, (manager) =>
      upsertPartnerships(manager, [
        { ...twice, sources: [source("first mention")] },
        { ...twice, sources: [source("second mention")] },
      ]),
    );
    const members = await db.getRepository(PartnershipCity).findBy({ partnershipId: "p-twice" });
    expect(members.map((member) => member.cityId).sort()).toEqual(["xx-g", "xx-h"]);
    const result = await run(`{ partnership(id: "p-twice") { sources { quote } } }`);
    expect(result.data?.partnership).toEqual({
      sources: [{ quote: "first mention" }, { quote: "second mention" }],
    });
  });
});
