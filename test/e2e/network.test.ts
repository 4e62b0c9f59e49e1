// Network queries through the whole federation: on the source-derived graph, whose shape the test
// works out from the transcribed sources, and on the world network where the world file is present.

import { PartnershipKind, PartnershipStatus, upsertPartnerships } from "@twingraph/agreements";
import { sourceBundles, writeGraph } from "@twingraph/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Federation, inProcessFederation } from "../src/harness";

const partnerships = sourceBundles.flatMap((bundle) => bundle.partnerships);
const links = partnerships.reduce((sum, p) => sum + (p.cityIds.length * (p.cityIds.length - 1)) / 2, 0);
const places = new Set(partnerships.flatMap((p) => p.cityIds));

let federation: Federation;
beforeAll(async () => {
  federation = await inProcessFederation();
});
afterAll(() => federation.close());

async function data(query: string, variables: Record<string, unknown> = {}) {
  const result = await federation.execute(query, variables);
  expect(result.errors).toBeUndefined();
  // biome-ignore lint/suspicious/noExplicitAny: the assertions that read an answer check its shape
  return result.data as Record<string, any>;
}

async function errorOf(query: string): Promise<{ message: string; code: unknown }> {
  const result = await federation.execute(query);
  expect(result.errors?.length).toBeGreaterThan(0);
  const [error] = result.errors ?? [];
  return { message: error.message, code: error.extensions?.code };
}

describe("the network of the sources", () => {
  it("counts the places and the links of every partnership between two of its places", async () => {
    const { network } = await data(
      `{ network { nodeCount edgeCount partnershipCount pairCount description } }`,
    );
    expect(network).toMatchObject({
      nodeCount: places.size,
      edgeCount: links,
      partnershipCount: partnerships.length,
      description: "whole network",
    });
    // Velenje–Pljevlja is both a partnership of its own and part of the coal-towns agreement
    expect(network.pairCount).toBe(links - 1);
  });

  it("finds the chain of partnerships between two places, with the partnership of each step", async () => {
    const { network } = await data(`{
      network {
        direct: path(from: "si-kranj", to: "at-villach") { length cities { id name } steps { link { partnershipId } } }
        none: path(from: "si-kranj", to: "ru-moscow") { length }
      }
    }`);
    expect(network.direct).toEqual({
      length: 1,
      cities: [
        { id: "si-kranj", name: "Kranj" },
        { id: "at-villach", name: "Villach" },
      ],
      steps: [{ link: { partnershipId: "p-kranj-villach" } }],
    });
    expect(network.none).toBeNull();
  });

  it("filters by country: partnerships with a Slovenian place, or only Slovenian places", async () => {
    const touching = partnerships.filter((p) => p.cityIds.some((id) => id.startsWith("si-")));
    const domestic = partnerships.filter((p) => p.cityIds.every((id) => id.startsWith("si-")));
    const { any, only } = await data(`{
      any: network(filter: { country: "Slovenia" }) { partnershipCount description }
      only: network(filter: { country: "SI", domestic: true }) { partnershipCount }
    }`);
    expect(any).toEqual({ partnershipCount: touching.length, description: "country=SI" });
    expect(only.partnershipCount).toBe(domestic.length);
  });

  it("ranks places by degree, betweenness and closeness, the most central first", async () => {
    const { network } = await data(`{
      network(filter: { country: "SI" }) {
        degree: ranking(by: DEGREE, first: 3) { rank score degree method sampleSize city { id } }
        betweenness: ranking(by: BETWEENNESS, first: 100) { score method sampleSize }
        closeness: ranking(by: CLOSENESS, first: 100, country: "ME") { city { id } }
      }
    }`);
    const cooperation = partnerships.find((p) => p.id === "p-city-cooperation")?.cityIds ?? [];
    expect(network.degree.map((r: { rank: number }) => r.rank)).toEqual([1, 2, 3]);
    // Velenje is in the coal-towns agreement and has no second Slovenian partnership; the towns of
    // the city-cooperation declaration each have every other one as partner
    for (const ranked of network.degree) expect(ranked.score).toBe(ranked.degree);
    // a view this small is measured exactly within a request's limit
    expect(network.degree[0]).toMatchObject({ method: "DEGREE", sampleSize: null });
    expect(network.betweenness[0]).toMatchObject({ method: "EXACT", sampleSize: null });
    expect(network.degree[0].degree).toBe(cooperation.length - 1);
    // every partnership of the sources joins all its places to each other, so no place lies between two
    expect(network.betweenness.map((ranked: { score: number }) => ranked.score)).toEqual(
      network.betweenness.map(() => 0),
    );
    expect(network.closeness).toEqual([{ city: { id: "me-pljevlja" } }]);
  });

  it("lists components and communities, largest first", async () => {
    const { network } = await data(`{
      network {
        components(first: 1, citiesPerGroup: 2) { count groups { id size cities { id } } }
        communities { count modularity groups { size } }
      }
    }`);
    expect(network.components.count).toBe(6);
    expect(network.components.groups).toHaveLength(1);
    expect(network.components.groups[0].size).toBe(8);
    expect(network.components.groups[0].cities).toHaveLength(2);
    expect(network.communities.count).toBeGreaterThanOrEqual(network.components.count);
    expect(network.communities.modularity).toBeGreaterThan(0);
  });

  it("answers a place's neighbourhood to a depth", async () => {
    const { network } = await data(`{
      network { neighbourhood(cityId: "ba-lukavac", depth: 1) { cityCount linkCount cities { city { id } hops } } }
    }`);
    expect(network.neighbourhood.cities).toEqual([
      { city: { id: "ba-lukavac" }, hops: 0 },
      { city: { id: "me-pljevlja" }, hops: 1 },
      { city: { id: "si-velenje" }, hops: 1 },
    ]);
    expect(network.neighbourhood.linkCount).toBe(4);
  });

  it("counts links per pair of countries, distances and starts per year", async () => {
    const dated = partnerships.filter((p) => p.since).length;
    const { network } = await data(`{
      network {
        countryMatrix(first: 1) { countries { code } partnerships }
        distances(bucketKm: 100) { measured unmeasured buckets { fromKm toKm partnerships } medianKm }
        startsPerYear { year partnerships }
      }
    }`);
    expect(network.countryMatrix).toEqual([
      { countries: [{ code: "SI" }, { code: "SI" }], partnerships: 28 },
    ]);
    const twoPlace = partnerships.filter((p) => p.cityIds.length === 2).length;
    expect(network.distances.measured + network.distances.unmeasured).toBe(twoPlace);
    expect(network.distances.measured).toBe(twoPlace);
    const bucketed = network.distances.buckets.reduce(
      (sum: number, b: { partnerships: number }) => sum + b.partnerships,
      0,
    );
    expect(bucketed).toBe(network.distances.measured);
    const started = network.startsPerYear.reduce(
      (sum: number, y: { partnerships: number }) => sum + y.partnerships,
      0,
    );
    expect(started).toBe(dated);
  });

  it("refuses bad arguments, naming them", async () => {
    expect(await errorOf(`{ network(filter: { country: "Atlantis" }) { nodeCount } }`)).toMatchObject({
      code: "BAD_USER_INPUT",
      message: expect.stringContaining("filter.country"),
    });
    expect(await errorOf(`{ network(filter: { domestic: true }) { nodeCount } }`)).toMatchObject({
      message: expect.stringContaining("filter.domestic"),
    });
    expect(await errorOf(`{ network(filter: { from: "2020-13" }) { nodeCount } }`)).toMatchObject({
      message: expect.stringContaining("filter.from"),
    });
    expect(
      await errorOf(`{ network { neighbourhood(cityId: "si-kranj", depth: 9) { cityCount } } }`),
    ).toMatchObject({
      message: expect.stringContaining("depth"),
    });
    expect(await errorOf(`{ network { distances(bucketKm: 0) { measured } } }`)).toMatchObject({
      message: expect.stringContaining("bucketKm"),
    });
    expect(await errorOf(`{ network { ranking(by: DEGREE, first: 101) { rank } } }`)).toMatchObject({
      message: expect.stringContaining("first"),
    });
  });

  it("answers from its cache until the partnerships change, then from the new data", async () => {
    const query = `{ network { edgeCount } }`;
    const before = (await data(query)).network.edgeCount;
    federation.counters.agreements.reset();
    await data(query);
    // only the revision check: the network itself was not read again
    expect(federation.counters.agreements.count).toBe(1);
    await writeGraph(federation.databases, (writer) =>
      writer.write("agreements", (manager) =>
        upsertPartnerships(manager, [
          {
            id: "p-test-kranj-moscow",
            kind: PartnershipKind.FRIENDSHIP,
            status: PartnershipStatus.UNKNOWN,
            cityIds: ["si-kranj", "ru-moscow"],
            sources: [{ document: "network.test.ts" }],
          },
        ]),
      ),
    );
    expect((await data(query)).network.edgeCount).toBe(before + 1);
    const { network } = await data(`{
      network {
        path(from: "si-kranj", to: "si-ljubljana") { length }
        ranking(by: BETWEENNESS, first: 3) { score city { id } }
      }
    }`);
    expect(network.path.length).toBe(2);
    // Kranj now lies between Villach and Moscow's side, Moscow between Ljubljana and Kranj's side
    const [first, second, third] = network.ranking;
    expect([first.city.id, second.city.id]).toEqual(["ru-moscow", "si-kranj"]);
    expect(first.score).toBeGreaterThan(0);
    expect(second.score).toBe(first.score);
    expect(third.score).toBe(0);
  });
});
