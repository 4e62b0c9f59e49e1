// Partial answers when one subgraph is down (docs/api-policy.md): a field a subgraph adds to another
// subgraph's entity is nullable, so that subgraph's failure nulls only that field, with an error on
// its path, and the rest of the answer stays. The dead subgraph is reached as in production, over
// HTTP at a port where nothing listens; the others run in process on the seeded databases.
import { createServer } from "node:net";
import type { ApolloServer, BaseContext } from "@apollo/server";
import { inProcessDataSources } from "@twingraph/dev";
import { createGatewayServer, readSupergraph } from "@twingraph/gateway";
import { databaseRevisions, loadSubgraphs } from "@twingraph/kit/subgraph";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Federation,
  type GraphQLResponse,
  inProcessFederation,
  type SubgraphName,
} from "../src/harness";

const DOSSIER = /* GraphQL */ `
  query Dossier($a: ID!, $b: ID!) {
    partnershipBetween(cityIds: [$a, $b]) {
      kind
      cities { name }
      agreements { title }
      projects { title programme { name } }
      visits { date host { name } }
      news { title }
    }
  }
`;
const KRANJ_VILLACH = { a: "at-villach", b: "si-kranj" };

const CITY = /* GraphQL */ `
  query City($id: ID!) {
    city(id: $id) {
      name
      partnerships { id }
      projects { title }
      news { title }
    }
  }
`;
const LENART = { id: "si-lenart" };

/** A visit's host named through the cities subgraph, and the partnership's own fields beside it. */
const VISIT_HOSTS = /* GraphQL */ `
  query VisitHosts($a: ID!, $b: ID!) {
    partnershipBetween(cityIds: [$a, $b]) {
      kind
      visits { date host { id name } }
    }
  }
`;

let federation: Federation;
let unreachableUrl: string;
const gateways: ApolloServer<BaseContext>[] = [];

beforeAll(async () => {
  federation = await inProcessFederation();
  unreachableUrl = `http://127.0.0.1:${await closedPort()}/graphql`;
});
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await federation?.close();
});

/** A port nothing listens on: taken from the system, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Runs a query through a gateway that reaches `down` at a dead URL and the others in process. */
async function executeWithout(
  down: readonly SubgraphName[],
  query: string,
  variables: Record<string, unknown>,
): Promise<GraphQLResponse> {
  const dataSources = await inProcessDataSources(await loadSubgraphs(), federation.databases);
  for (const name of down) delete dataSources[name];
  const gateway = createGatewayServer({
    supergraphSdl: readSupergraph(),
    dataSources,
    urls: Object.fromEntries(down.map((name) => [name, unreachableUrl])),
    responseCache: false,
    dataVersion: databaseRevisions(federation.databases),
  });
  gateways.push(gateway);
  await gateway.start();
  const response = await gateway.executeOperation({ query, variables });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return response.body.singleResult as GraphQLResponse;
}

/** The codes of the errors at or below a path of the answer. */
function errorCodesAt(response: GraphQLResponse, path: readonly (string | number)[]): unknown[] {
  return (response.errors ?? [])
    .filter((error) => {
      const errorPath = (error as { path?: readonly (string | number)[] }).path ?? [];
      return path.every((key, index) => errorPath[index] === key);
    })
    .map((error) => error.extensions?.code);
}

type Dossier = { partnershipBetween: Record<string, unknown[] | string | null> | null };
type CityPage = { city: Record<string, unknown[] | string | null> | null };

describe("with every subgraph up", () => {
  // the fields the cases below expect to lose hold data, so a null there is a loss, not an empty list
  it("answers the dossier's visits and Lenart's projects and news, without errors", async () => {
    const dossier = await federation.execute(DOSSIER, KRANJ_VILLACH);
    expect(dossier.errors).toBeUndefined();
    const partnership = (dossier.data as Dossier).partnershipBetween;
    expect(partnership?.cities).toHaveLength(2);
    expect(partnership?.visits).not.toHaveLength(0);

    const city = await federation.execute(CITY, LENART);
    expect(city.errors).toBeUndefined();
    const lenart = (city.data as CityPage).city;
    expect(lenart?.partnerships).not.toHaveLength(0);
    expect(lenart?.projects).not.toHaveLength(0);
    expect(lenart?.news).not.toHaveLength(0);
  });
});

describe("with the news subgraph down", () => {
  it("keeps the partnership, its cities, agreements and projects; visits and news are null with an error", async () => {
    const answer = await executeWithout(["news"], DOSSIER, KRANJ_VILLACH);
    const partnership = (answer.data as Dossier).partnershipBetween;
    expect(partnership).toMatchObject({
      kind: "TWINNING",
      cities: expect.arrayContaining([{ name: "Kranj" }, { name: "Villach" }]),
      agreements: expect.any(Array),
      projects: expect.any(Array),
      visits: null,
      news: null,
    });
    expect(errorCodesAt(answer, ["partnershipBetween", "visits"])).toContain("SUBGRAPH_UNAVAILABLE");
    expect(errorCodesAt(answer, ["partnershipBetween", "news"])).toContain("SUBGRAPH_UNAVAILABLE");
  });

  it("keeps a city's name, partnerships and projects; its news are null with an error", async () => {
    const answer = await executeWithout(["news"], CITY, LENART);
    const city = (answer.data as CityPage).city;
    expect(city).toMatchObject({ name: "Lenart", news: null });
    expect(city?.partnerships).not.toHaveLength(0);
    expect(city?.projects).not.toHaveLength(0);
    expect(errorCodesAt(answer, ["city", "news"])).toContain("SUBGRAPH_UNAVAILABLE");
  });
});

describe("with the projects subgraph down", () => {
  it("keeps the partnership and its visits; its projects are null with an error", async () => {
    const answer = await executeWithout(["projects"], DOSSIER, KRANJ_VILLACH);
    const partnership = (answer.data as Dossier).partnershipBetween;
    expect(partnership).toMatchObject({ kind: "TWINNING", projects: null });
    expect(partnership?.visits).not.toHaveLength(0);
    expect(errorCodesAt(answer, ["partnershipBetween", "projects"])).toContain("SUBGRAPH_UNAVAILABLE");
  });

  it("keeps a city's name and news; its projects are null with an error", async () => {
    const answer = await executeWithout(["projects"], CITY, LENART);
    const city = (answer.data as CityPage).city;
    expect(city).toMatchObject({ name: "Lenart", projects: null });
    expect(city?.news).not.toHaveLength(0);
    expect(errorCodesAt(answer, ["city", "projects"])).toContain("SUBGRAPH_UNAVAILABLE");
  });
});

describe("with the projects and news subgraphs down", () => {
  it("keeps a city's name; its projects and news are null with an error each", async () => {
    const answer = await executeWithout(["projects", "news"], CITY, LENART);
    expect((answer.data as CityPage).city).toMatchObject({ name: "Lenart", projects: null, news: null });
    expect(errorCodesAt(answer, ["city", "projects"])).toContain("SUBGRAPH_UNAVAILABLE");
    expect(errorCodesAt(answer, ["city", "news"])).toContain("SUBGRAPH_UNAVAILABLE");
  });
});

describe("with the agreements subgraph down", () => {
  it("keeps a city's name, projects and news; its partnerships are null with an error", async () => {
    const answer = await executeWithout(["agreements"], CITY, LENART);
    const city = (answer.data as CityPage).city;
    expect(city).toMatchObject({ name: "Lenart", partnerships: null });
    expect(city?.projects).not.toHaveLength(0);
    expect(city?.news).not.toHaveLength(0);
    expect(errorCodesAt(answer, ["city", "partnerships"])).toContain("SUBGRAPH_UNAVAILABLE");
  });
});

describe("with the cities subgraph down", () => {
  // City's own fields stay non-null: a place that cannot be named is null up to the nearest
  // nullable field, which for a visit's host is the visits list, not the partnership
  it("keeps the partnership's own fields; visits whose hosts it cannot name are null with an error", async () => {
    const answer = await executeWithout(["cities"], VISIT_HOSTS, KRANJ_VILLACH);
    expect((answer.data as Dossier).partnershipBetween).toEqual({ kind: "TWINNING", visits: null });
    expect(errorCodesAt(answer, ["partnershipBetween", "visits"])).toContain("SUBGRAPH_UNAVAILABLE");
  });

  it("answers no dossier: the partnership's cities cannot be named", async () => {
    const answer = await executeWithout(["cities"], DOSSIER, KRANJ_VILLACH);
    expect(answer.data?.partnershipBetween).toBeNull();
    expect(answer.errors?.map((error) => error.extensions?.code)).toContain("SUBGRAPH_UNAVAILABLE");
  });
});
