// Long lists against the agreements subgraph: a list argument over its cap is a coded client
// mistake, and a city bound by more agreements than one SQL statement can list still answers.
import { type Executor, localExecutor } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  AgreementKind,
  buildAgreementsSubgraph,
  openAgreementsDatabase,
  PartyKind,
  upsertAgreements,
} from "../src";
import { writeTracked } from "./tracked";

let db: DataSource;
let run: Executor;

/** more than SQLite's 32,766 bound parameters */
const LINKS = 40_000;

beforeAll(async () => {
  db = await openAgreementsDatabase({ url: ":memory:" });
  run = localExecutor((await buildAgreementsSubgraph()).schema, db);
  await writeTracked(db, (manager) =>
    upsertAgreements(manager, [
      {
        id: "a-real",
        title: "On record",
        kind: AgreementKind.MEMORANDUM,
        parties: [{ name: "Town", kind: PartyKind.MUNICIPALITY, cityId: "xx-many" }],
        signatories: [],
        areas: [],
        languages: [],
        sources: [],
      },
    ]),
  );
  // links to agreements not on record, written directly: an import would take minutes
  await db.query("PRAGMA foreign_keys = OFF");
  await db.query(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${LINKS})
     INSERT INTO agreement_city (agreementId, cityId) SELECT 'a-gone-' || i, 'xx-many' FROM n`,
  );
  await db.query("PRAGMA foreign_keys = ON");
});

afterAll(() => db.destroy());

it(`answers the agreements of a city with ${LINKS.toLocaleString("en")} agreement links`, async () => {
  const result = await run(`{ agreements(cityId: "xx-many", first: 5) { id } }`);
  expect(result.errors).toBeUndefined();
  expect(result.data).toEqual({ agreements: [{ id: "a-real" }] });
});

it("refuses partnershipBetween(cityIds) of 101 ids, naming the argument and the limit", async () => {
  const cityIds = Array.from({ length: 101 }, (_, index) => `xx-town-${index}`);
  const result = await run(`query($ids: [ID!]!) { partnershipBetween(cityIds: $ids) { id } }`, {
    ids: cityIds,
  });
  expect(result.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "cityIds" });
  expect(result.errors?.[0].message).toContain("at most 100");
});
