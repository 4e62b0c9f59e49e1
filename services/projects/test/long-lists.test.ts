// A city in more projects than one SQL statement can list: its projects still answer, from the root
// query and from the field the subgraph adds to City.
import { type Executor, localExecutor } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildProjectsSubgraph, openProjectsDatabase, upsertProjects } from "../src";
import { seedWrite } from "./seed-context";

let db: DataSource;
let run: Executor;

/** more than SQLite's 32,766 bound parameters */
const LINKS = 40_000;

beforeAll(async () => {
  db = await openProjectsDatabase({ url: ":memory:" });
  run = localExecutor((await buildProjectsSubgraph()).schema, db);
  await seedWrite(db, (manager) =>
    upsertProjects(manager, [
      {
        id: "pr-real",
        title: "The one project on record",
        funds: [],
        start: "2020",
        partners: [],
        cityIds: ["xx-many"],
        objectives: [],
        results: [],
        sources: [],
      },
    ]),
  );
  // links to projects not on record, written directly: an import would take minutes
  await db.query(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${LINKS})
     INSERT INTO project_city (projectId, cityId, position) SELECT 'pr-gone-' || i, 'xx-many', 0 FROM n`,
  );
});

afterAll(() => db.destroy());

it(`answers the projects of a city with ${LINKS.toLocaleString("en")} project links`, async () => {
  const result = await run(`{
    projects(cityId: "xx-many", first: 5) { id }
    _entities(representations: [{ __typename: "City", id: "xx-many" }]) { ... on City { projects { id } } }
  }`);
  expect(result.errors).toBeUndefined();
  expect(result.data).toEqual({
    projects: [{ id: "pr-real" }],
    _entities: [{ projects: [{ id: "pr-real" }] }],
  });
});
