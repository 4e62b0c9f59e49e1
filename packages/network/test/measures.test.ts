// The measures on graphs small enough to answer by hand; each test states the hand-worked answer.
import { describe, expect, it } from "vitest";
import {
  communities,
  components,
  countryMatrix,
  degreeScores,
  distanceDistribution,
  measureCentrality,
  NetworkSnapshot,
  neighbourhood,
  type PartnershipRow,
  rank,
  shortestChain,
  startsPerYear,
  WHOLE_NETWORK,
} from "../src";
import { pairs, partnership } from "./partnerships";

const view = (rows: PartnershipRow[]) => new NetworkSnapshot(rows, WHOLE_NETWORK, 1);

/** a–b–c–d */
const path = () => view(pairs("si-a si-b", "si-b si-c", "si-c si-d"));
/** si-c at the centre, four leaves */
const star = () => view(pairs("si-c si-1", "si-c si-2", "si-c si-3", "si-c si-4"));
/** triangles a-b-c and d-e-f, joined by the bridge c–d */
const twoTriangles = () =>
  view(pairs("si-a si-b", "si-b si-c", "si-a si-c", "si-c si-d", "si-d si-e", "si-e si-f", "si-d si-f"));

describe("centrality", () => {
  it("on a path a–b–c–d: b and c each lie on 2 of the 3 shortest chains between other places", async () => {
    const scores = await measureCentrality(path().graph, "betweenness");
    // normalised by the (n-1)(n-2)/2 = 3 pairs that exclude a place
    expect(scores["si-a"]).toBe(0);
    expect(scores["si-b"]).toBeCloseTo(2 / 3);
    expect(scores["si-c"]).toBeCloseTo(2 / 3);
    expect(scores["si-d"]).toBe(0);
  });

  it("on a path a–b–c–d: closeness is 3 over the sum of distances (a: 1+2+3, b: 1+1+2)", async () => {
    const scores = await measureCentrality(path().graph, "closeness");
    expect(scores["si-a"]).toBeCloseTo(3 / 6);
    expect(scores["si-b"]).toBeCloseTo(3 / 4);
  });

  it("on a star: the centre has every leaf as partner and lies on every chain between leaves", async () => {
    const network = star();
    expect(degreeScores(network)).toEqual({ "si-c": 4, "si-1": 1, "si-2": 1, "si-3": 1, "si-4": 1 });
    const scores = await measureCentrality(network.graph, "betweenness");
    expect(scores["si-c"]).toBeCloseTo(1);
    expect(scores["si-1"]).toBe(0);
  });

  it("on two triangles joined by c–d: the bridge's ends are the most between (6 of 10 pairs each)", async () => {
    const scores = await measureCentrality(twoTriangles().graph, "betweenness");
    expect(rank(scores, null).slice(0, 2)).toEqual([
      { rank: 1, cityId: "si-c", score: expect.closeTo(0.6) },
      { rank: 2, cityId: "si-d", score: expect.closeTo(0.6) },
    ]);
    expect(scores["si-a"]).toBe(0);
  });

  it("ranks the highest score first, ties by id, counting ranks over the listed country only", () => {
    const scores = { "si-b": 2, "hr-a": 5, "si-a": 2, "si-c": 1 };
    expect(rank(scores, "SI").map((ranked) => [ranked.rank, ranked.cityId])).toEqual([
      [1, "si-a"],
      [2, "si-b"],
      [3, "si-c"],
    ]);
  });
});

describe("components and communities", () => {
  it("splits two unlinked pairs into two components of two", () => {
    const found = components(view(pairs("si-a si-b", "si-c si-d")));
    expect(found).toEqual([
      { id: 1, cityIds: ["si-a", "si-b"] },
      { id: 2, cityIds: ["si-c", "si-d"] },
    ]);
  });

  it("lists the larger component first, its best-connected place first", () => {
    const found = components(view(pairs("si-x si-y", "si-a si-b", "si-b si-c")));
    expect(found.map((group) => group.cityIds)).toEqual([
      ["si-b", "si-a", "si-c"],
      ["si-x", "si-y"],
    ]);
  });

  it("finds the two triangles as two communities of one component", () => {
    const network = twoTriangles();
    expect(components(network)).toHaveLength(1);
    const found = communities(network, 1);
    // the bridge ends have degree 3, so they lead their community
    expect(found.groups).toEqual([
      { id: 1, cityIds: ["si-c", "si-a", "si-b"] },
      { id: 2, cityIds: ["si-d", "si-e", "si-f"] },
    ]);
    // 7 edges, each triangle 3 inside with degree sum 7: Q = 2 × (3/7 − (7/14)²) = 5/14
    expect(found.modularity).toBeCloseTo(5 / 14);
  });

  it("gives an empty network no communities", () => {
    expect(communities(view([]), 1)).toEqual({ modularity: 0, resolution: 1, groups: [] });
  });
});

describe("chains and neighbourhoods", () => {
  it("chains a to d through b and c, taking the earliest known partnership of each step", () => {
    const rows = [
      ...pairs("si-a si-b", "si-c si-d"),
      partnership(["si-b", "si-c"]),
      partnership(["si-b", "si-c"], { since: "2001" }),
      partnership(["si-c", "si-b"], { since: "1995-04" }),
    ];
    const chain = shortestChain(view(rows), "si-a", "si-d");
    expect(chain?.map((step) => [step.from, step.to])).toEqual([
      ["si-a", "si-b"],
      ["si-b", "si-c"],
      ["si-c", "si-d"],
    ]);
    expect(chain?.[1].link.since).toBe("1995-04");
  });

  it("takes the shortcut when there is one", () => {
    const network = view(pairs("si-a si-b", "si-b si-c", "si-c si-d", "si-a si-d"));
    expect(shortestChain(network, "si-a", "si-d")).toHaveLength(1);
  });

  it("finds no chain between components or to an unknown place, and an empty one to itself", () => {
    const network = view(pairs("si-a si-b", "si-c si-d"));
    expect(shortestChain(network, "si-a", "si-d")).toBeNull();
    expect(shortestChain(network, "si-a", "si-zz")).toBeNull();
    expect(shortestChain(network, "si-a", "si-a")).toEqual([]);
  });

  it("lists the places within one partnership of b on a–b–c–d, and the links among them", () => {
    const found = neighbourhood(path(), "si-b", 1);
    expect(found.neighbours).toEqual([
      { cityId: "si-b", hops: 0 },
      { cityId: "si-a", hops: 1 },
      { cityId: "si-c", hops: 1 },
    ]);
    expect(found.links.map((link) => `${link.source} ${link.target}`)).toEqual(["si-a si-b", "si-b si-c"]);
    expect(neighbourhood(path(), "si-b", 2).neighbours.map((neighbour) => neighbour.hops)).toEqual([
      0, 1, 1, 2,
    ]);
  });
});

describe("summaries", () => {
  it("counts links per pair of countries, domestic ones as a country with itself", () => {
    const network = view(pairs("si-a hr-b", "hr-c si-d", "si-a si-d", "at-x si-a"));
    expect(countryMatrix(network)).toEqual([
      { countryCodes: ["HR", "SI"], partnerships: 2 },
      { countryCodes: ["AT", "SI"], partnerships: 1 },
      { countryCodes: ["SI", "SI"], partnerships: 1 },
    ]);
  });

  it("buckets two-place distances: 100, 300 and 900 km in 500 km buckets", () => {
    const rows = [
      partnership(["si-a", "si-b"], { distanceKm: 900 }),
      partnership(["si-a", "si-c"], { distanceKm: 100 }),
      partnership(["si-a", "si-d"], { distanceKm: 300 }),
      partnership(["si-a", "si-e"]),
      partnership(["si-a", "si-b", "si-c"], { distanceKm: 5000 }),
    ];
    expect(distanceDistribution(view(rows), 500)).toEqual({
      measured: 3,
      unmeasured: 1,
      meanKm: 1300 / 3,
      medianKm: 300,
      maxKm: 900,
      buckets: [
        { fromKm: 0, toKm: 500, partnerships: 2 },
        { fromKm: 500, toKm: 1000, partnerships: 1 },
      ],
    });
  });

  it("counts partnerships started per year, leaving out those without a known start", () => {
    const rows = [
      partnership(["si-a", "si-b"], { since: "1990-05-01" }),
      partnership(["si-a", "si-c"], { since: "1985" }),
      partnership(["si-a", "si-d"], { since: "1990" }),
      partnership(["si-a", "si-e"]),
    ];
    expect(startsPerYear(view(rows))).toEqual([
      { year: 1985, partnerships: 1 },
      { year: 1990, partnerships: 2 },
    ]);
  });
});
