// A city in more news items, visits and events than one SQL statement can list: the root queries
// by city still answer.
import { type Executor, localExecutor } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildNewsSubgraph, openNewsDatabase, upsertEvents, upsertNewsItems, upsertVisits } from "../src";
import { writeTracked } from "./tracked";

let db: DataSource;
let run: Executor;

/** more than SQLite's 32,766 bound parameters */
const LINKS = 40_000;

/** `LINKS` link rows of the city to records not on record, written directly: an import would take minutes */
function links(table: string, columns: string, values: string): Promise<unknown> {
  return db.query(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${LINKS})
     INSERT INTO ${table} (${columns}) SELECT ${values} FROM n`,
  );
}

beforeAll(async () => {
  db = await openNewsDatabase({ url: ":memory:" });
  run = localExecutor((await buildNewsSubgraph()).schema, db);
  await writeTracked(db, async (manager) => {
    await upsertNewsItems(manager, [
      { id: "n-real", title: "On record", language: "en", cityIds: ["xx-many"], projectIds: [], sources: [] },
    ]);
    await upsertVisits(manager, [
      {
        id: "v-real",
        date: "2020-01-01",
        hostCityId: "xx-many",
        visitorCityIds: ["xx-guest"],
        delegation: [],
        hosts: [],
        outcomes: [],
        sources: [],
      },
    ]);
    await upsertEvents(manager, [
      { id: "e-real", title: "On record", planned: false, cityIds: ["xx-many"], sources: [] },
    ]);
  });
  // links to missing records, which the link tables' foreign keys would refuse
  await db.query("PRAGMA foreign_keys = OFF");
  await links("news_item_city", "newsItemId, cityId, position", "'n-gone-' || i, 'xx-many', 0");
  await links("visit_city", "visitId, cityId, role, position", "'v-gone-' || i, 'xx-many', 'HOST', 0");
  await links("event_city", "eventId, cityId, position", "'e-gone-' || i, 'xx-many', 0");
  await db.query("PRAGMA foreign_keys = ON");
});

afterAll(() => db.destroy());

it(`answers the news, visits and events of a city with ${LINKS.toLocaleString("en")} links of each`, async () => {
  const result = await run(`{
    news(cityId: "xx-many") { id }
    visits(cityId: "xx-many") { id }
    events(cityId: "xx-many") { id }
  }`);
  expect(result.errors).toBeUndefined();
  expect(result.data).toEqual({
    news: [{ id: "n-real" }],
    visits: [{ id: "v-real" }],
    events: [{ id: "e-real" }],
  });
});
