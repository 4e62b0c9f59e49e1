// A filter that selects no partnership (a country without any, a period before them all) and a
// database without partnerships are views like any other: every field of the network answers, the
// slow measures with an empty ranking at once, neither an internal error nor a worker.
import { type Executor, localExecutor } from "@twingraph/kit/subgraph";
import { liveCentralityWorkers } from "@twingraph/network";
import { UndirectedGraph } from "graphology";
import type { DataSource } from "typeorm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  buildAgreementsSubgraph,
  NetworkMetric,
  openAgreementsDatabase,
  PartnershipKind,
  PartnershipStatus,
  upsertPartnerships,
} from "../src";
import { measureLimits, requestPool, setMeasureLimits } from "../src/network/limits";
import { warmNetwork } from "../src/network/warm";
import { writeTracked } from "./tracked";

/** every field of `network`, each with the arguments a view without places must still answer */
const EVERY_FIELD = /* GraphQL */ `
  nodeCount edgeCount pairCount partnershipCount description
  nodes { degree } links { partnershipId }
  closeness: ranking(by: CLOSENESS) { rank score }
  betweenness: ranking(by: BETWEENNESS) { rank score }
  degree: ranking(by: DEGREE) { rank score }
  path(from: "si-kranj", to: "at-villach") { length }
  neighbourhood(cityId: "si-kranj", depth: 2) { cityCount linkCount cities { hops } }
  components { count groups { size } }
  communities { count modularity groups { size } }
  countryMatrix { partnerships }
  distances { measured unmeasured meanKm medianKm maxKm buckets { partnerships } }
  startsPerYear { year }
`;

const EMPTY_VIEW = {
  nodeCount: 0,
  edgeCount: 0,
  pairCount: 0,
  partnershipCount: 0,
  nodes: [],
  links: [],
  closeness: [],
  betweenness: [],
  degree: [],
  path: null,
  neighbourhood: { cityCount: 0, linkCount: 0, cities: [] },
  components: { count: 0, groups: [] },
  communities: { count: 0, modularity: 0, groups: [] },
  countryMatrix: [],
  distances: { measured: 0, unmeasured: 0, meanKm: null, medianKm: null, maxKm: null, buckets: [] },
  startsPerYear: [],
};

/** a ring of `size` places: betweenness round 5,000 takes long enough to hold the only worker */
function ring(size: number): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (let i = 0; i < size; i += 1) graph.mergeEdge(`p${i}`, `p${(i + 1) % size}`);
  return graph;
}

const DEFAULT_LIMITS = measureLimits();
afterEach(() => setMeasureLimits(DEFAULT_LIMITS));

async function networkOf(run: Executor, filter: string) {
  const result = await run(`{ network${filter ? `(filter: ${filter})` : ""} { ${EVERY_FIELD} } }`);
  expect(result.errors).toBeUndefined();
  return (result.data as { network: Record<string, unknown> }).network;
}

describe("a view without partnerships", () => {
  let db: DataSource;
  let run: Executor;

  beforeAll(async () => {
    db = await openAgreementsDatabase({ url: ":memory:" });
    await writeTracked(db, (manager) =>
      upsertPartnerships(manager, [
        {
          id: "p-kranj-villach",
          kind: PartnershipKind.TWINNING,
          status: PartnershipStatus.ACTIVE,
          cityIds: ["si-kranj", "at-villach"],
          since: "1972",
          sources: [],
        },
      ]),
    );
    run = localExecutor((await buildAgreementsSubgraph()).schema, db);
  });
  afterAll(() => db.destroy());

  it.each([
    ["a country without partnerships", `{ country: "DE" }`],
    ["a period before every partnership", `{ to: "1900" }`],
    ["a kind no partnership has", `{ kinds: [FRIENDSHIP] }`],
  ])("answers every field of %s, the rankings empty, without a worker", async (_, filter) => {
    const workers = liveCentralityWorkers();
    expect(await networkOf(run, filter)).toMatchObject(EMPTY_VIEW);
    expect(liveCentralityWorkers()).toBe(workers);
    expect(requestPool().load()).toEqual({ running: 0, queued: 0 });
  });

  it("ranks an empty view while every worker and place in the queue is taken", async () => {
    setMeasureLimits({ workers: 1, queue: 0 });
    const holder = new AbortController();
    const held = requestPool().measure("held", ring(5000), "betweenness", holder.signal);
    const result = await run(`{ network(filter: { country: "FR" }) { ranking(by: CLOSENESS) { rank } } }`);
    expect(result).toEqual({ data: { network: { ranking: [] } } });
    holder.abort();
    await expect(held).rejects.toThrow(/cancelled/);
  });

  it("still answers the view with the partnership", async () => {
    const network = await networkOf(run, `{ country: "SI" }`);
    expect(network).toMatchObject({ nodeCount: 2, path: { length: 1 }, components: { count: 1 } });
    expect(network.closeness).toEqual([
      { rank: 1, score: 1 },
      { rank: 2, score: 1 },
    ]);
  });
});

describe("a database without partnerships", () => {
  let db: DataSource;
  let run: Executor;

  beforeAll(async () => {
    db = await openAgreementsDatabase({ url: ":memory:" });
    run = localExecutor((await buildAgreementsSubgraph()).schema, db);
  });
  afterAll(() => db.destroy());

  it("answers every field of the whole network, the rankings empty", async () => {
    expect(await networkOf(run, "")).toMatchObject({ ...EMPTY_VIEW, description: "whole network" });
  });

  it("stores the whole network's empty measures in the background without a failure logged", async () => {
    const lines: string[] = [];
    await warmNetwork(db, (line) => lines.push(line));
    expect(lines.filter((line) => line.includes("could not"))).toEqual([]);
    const rows = await db.getRepository(NetworkMetric).find({ order: { key: "ASC" } });
    expect(rows.map((row) => [row.key.split("|")[0], JSON.parse(row.scores)])).toEqual([
      ["betweenness", {}],
      ["closeness", {}],
    ]);
  });
});
