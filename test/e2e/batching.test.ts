// Batching: a query over many cities with their partners, projects and visits must run a bounded
// number of SQL statements per subgraph, the same for 10 cities as for 50, not one per city.
import { PartnershipKind, PartnershipStatus, upsertPartnerships } from "@twingraph/agreements";
import { upsertCities } from "@twingraph/cities";
import { upsertVisits } from "@twingraph/news";
import { upsertProjects } from "@twingraph/projects";
import { type GraphWriter, writeGraph } from "@twingraph/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Federation, inProcessFederation, type SubgraphName } from "../src/harness";

const CITY_COUNT = 60;
const source = { document: "batching.test.ts", quote: "synthetic test data" };
const id = (index: number) => `xx-town-${String(index).padStart(2, "0")}`;

let federation: Federation;

beforeAll(async () => {
  federation = await inProcessFederation({ seedSources: false });
  await writeGraph(federation.databases, (writer) => writeRing(writer), { redisUrl: null });
});

async function writeRing(writer: GraphWriter): Promise<void> {
  const indexes = Array.from({ length: CITY_COUNT }, (_, index) => index);
  await writer.write("cities", (manager) =>
    upsertCities(
      manager,
      indexes.map((index) => ({
        id: id(index),
        name: `Town ${index}`,
        countryCode: "SI",
        aliases: [],
        sources: [source],
      })),
    ),
  );
  // a ring: each town is twinned with the next, shares a project with it and visits it
  const next = (index: number) => id((index + 1) % CITY_COUNT);
  await writer.write("agreements", (manager) =>
    upsertPartnerships(
      manager,
      indexes.map((index) => ({
        id: `p-${index}`,
        kind: PartnershipKind.TWINNING,
        status: PartnershipStatus.ACTIVE,
        cityIds: [id(index), next(index)],
        sources: [source],
      })),
    ),
  );
  await writer.write("projects", (manager) =>
    upsertProjects(
      manager,
      indexes.map((index) => ({
        id: `proj-${index}`,
        title: `Project ${index}`,
        funds: [],
        partners: [],
        cityIds: [id(index), next(index)],
        objectives: [],
        results: [],
        sources: [source],
      })),
    ),
  );
  await writer.write("news", (manager) =>
    upsertVisits(
      manager,
      indexes.map((index) => ({
        id: `v-${index}`,
        date: "2020-01-01",
        hostCityId: next(index),
        visitorCityIds: [id(index)],
        delegation: [],
        hosts: [],
        outcomes: [],
        sources: [source],
      })),
    ),
  );
}

afterAll(() => federation.close());

const QUERY = /* GraphQL */ `
  query Ring($first: Int!) {
    cities(country: "SI", first: $first) {
      name
      aliases { name }
      partners { name }
      partnerships {
        kind
        cities { name country { code } }
        projects { title cities { name } }
        visits { date host { name } visitors { name } }
      }
      projects { title }
      visits { date }
    }
  }
`;

async function statementsFor(first: number): Promise<Record<SubgraphName, number>> {
  for (const counter of Object.values(federation.counters)) counter.reset();
  const result = await federation.execute(QUERY, { first });
  expect(result.errors).toBeUndefined();
  const cities = (result.data?.cities as { partnerships: { visits: unknown[] }[] }[]) ?? [];
  expect(cities).toHaveLength(first);
  expect(cities.every((city) => city.partnerships.length === 2)).toBe(true);
  expect(
    cities.every((city) => city.partnerships.every((partnership) => partnership.visits.length === 1)),
  ).toBe(true);
  return {
    cities: federation.counters.cities.count,
    agreements: federation.counters.agreements.count,
    projects: federation.counters.projects.count,
    news: federation.counters.news.count,
    changes: federation.counters.changes.count,
  };
}

describe("batching", () => {
  it("runs as many statements for 50 cities as for 10, and few of them", async () => {
    const ten = await statementsFor(10);
    const fifty = await statementsFor(50);
    expect(fifty).toEqual(ten);
    for (const count of Object.values(fifty)) expect(count).toBeLessThanOrEqual(8);
  });
});
