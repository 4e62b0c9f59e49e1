// The slow network measures under hostile reads: reads never write, a filtered view is measured
// exactly in memory when that fits in about a second of CPU and estimated from a sample when only
// that fits, the whole network comes from the background computation, every ranking says which
// method gave it, and the line of workers is bounded and lets go of computations nobody waits for.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  advanceRevision,
  createContext,
  type Executor,
  localExecutor,
  readRevision,
} from "@twingraph/kit/subgraph";
import { liveCentralityWorkers } from "@twingraph/network";
import { UndirectedGraph } from "graphology";
import { type GraphQLSchema, graphql } from "graphql";
import type { DataSource } from "typeorm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  buildAgreementsSubgraph,
  NetworkMetric,
  openAgreementsDatabase,
  type PartnershipInput,
  PartnershipKind,
  PartnershipStatus,
  upsertPartnerships,
} from "../src";
import { measureLimits, requestPool, setMeasureLimits } from "../src/network/limits";
import { warmNetwork } from "../src/network/warm";
import { writeTracked } from "./tracked";

const DEFAULT_LIMITS = measureLimits();

/** Town i twinned with town i + 1 in year 1950 + i, round a ring of `size` towns. */
function ring(size: number, prefix: string): PartnershipInput[] {
  return Array.from({ length: size }, (_, index) => ({
    id: `p-${prefix}-${index}`,
    kind: PartnershipKind.TWINNING,
    status: PartnershipStatus.ACTIVE,
    cityIds: [`xx-${prefix}-${index}`, `xx-${prefix}-${(index + 1) % size}`],
    since: String(1950 + (index % 70)),
    sources: [],
  }));
}

/** Three friendships without a known start: the small view of `kinds: [FRIENDSHIP]`. */
const FRIENDSHIPS: PartnershipInput[] = ["a b", "b c", "c d"].map((pair) => ({
  id: `p-friends-${pair.replace(" ", "")}`,
  kind: PartnershipKind.FRIENDSHIP,
  status: PartnershipStatus.ACTIVE,
  cityIds: pair.split(" ").map((town) => `yy-${town}`),
  sources: [],
}));

async function openNetwork(partnerships: PartnershipInput[]): Promise<DataSource> {
  const db = await openAgreementsDatabase({ url: ":memory:" });
  await writeTracked(db, (manager) => upsertPartnerships(manager, partnerships));
  return db;
}

function errorsOf(result: Awaited<ReturnType<Executor>>): Record<string, unknown>[] {
  return (result.errors ?? []).map((error) => ({ message: error.message, ...error.extensions }));
}

const ranking = (filter: string, by = "BETWEENNESS") =>
  `{ network${filter ? `(filter: ${filter})` : ""} { nodeCount ranking(by: ${by}, first: 100) { score method sampleSize city { id } } } }`;

interface Ranked {
  score: number;
  method: string;
  sampleSize: number | null;
  city: { id: string };
}

function rankedOf(result: Awaited<ReturnType<Executor>>): Ranked[] {
  expect(result.errors).toBeUndefined();
  return (result.data as { network: { ranking: Ranked[] } }).network.ranking;
}

afterEach(() => setMeasureLimits(DEFAULT_LIMITS));

describe("network measures of a ring of 60 towns and three friendships", () => {
  let db: DataSource;
  let run: Executor;
  const storedRows = () => db.getRepository(NetworkMetric).count();

  beforeAll(async () => {
    db = await openNetwork([...ring(60, "ring"), ...FRIENDSHIPS]);
    run = localExecutor((await buildAgreementsSubgraph()).schema, db);
  });
  afterAll(() => db.destroy());

  it("answers 50 betweenness rankings with different `from` dates without storing a row", async () => {
    for (let year = 1950; year < 2000; year += 1) {
      const result = await run(ranking(`{ from: "${year}" }`));
      expect(result.errors).toBeUndefined();
    }
    expect(await storedRows()).toBe(0);
  });

  /** Builds the filter's view under the default limits, so that a lower limit meets only the measure. */
  const viewed = async (filter: string) =>
    expect((await run(`{ network(filter: ${filter}) { nodeCount } }`)).errors).toBeUndefined();

  it("measures a small filtered view in memory", async () => {
    await viewed("{ kinds: [FRIENDSHIP] }");
    setMeasureLimits({ maxSeconds: 0.0001 });
    const ranked = rankedOf(await run(ranking("{ kinds: [FRIENDSHIP] }")));
    // on the chain a–b–c–d, b and c each lie on two of the three chains between other towns
    expect(ranked.slice(0, 2).map((place) => place.city.id)).toEqual(["yy-b", "yy-c"]);
    expect(ranked[0].score).toBeCloseTo(2 / 3);
    expect(ranked[0]).toMatchObject({ method: "EXACT", sampleSize: null });
    expect(await storedRows()).toBe(0);
  });

  it("says a degree ranking is counted", async () => {
    const [first] = rankedOf(await run(ranking("{ kinds: [FRIENDSHIP] }", "DEGREE")));
    expect(first).toMatchObject({ method: "DEGREE", sampleSize: null });
  });

  it("refuses a filtered view too large to measure or estimate within the limit, saying its size and the limit", async () => {
    await viewed(`{ from: "1900" }`);
    setMeasureLimits({ maxSeconds: 0.0001 });
    const [error] = errorsOf(await run(ranking(`{ from: "1900" }`, "CLOSENESS")));
    expect(error).toMatchObject({
      code: "MEASURE_TOO_EXPENSIVE",
      measure: "CLOSENESS",
      places: 60,
      pairs: 60,
      // a sample of 500 places is all 60 of them: no cheaper than the exact scores
      searches: 60,
      work: 3600,
      limit: 2222,
      maxSeconds: 0.0001,
    });
    expect(error.message).toContain("60 places, 60 linked pairs");
    expect(error.message).toContain("searches × pairs up to 2,222");
    expect(error.message).toMatch(/whole network.*narrow the filter/);
  });

  it("answers MEASURE_NOT_READY for the whole network, too large to estimate, until the background computation stored it, then from the store", async () => {
    setMeasureLimits({ maxSeconds: 0.0001 });
    const [error] = errorsOf(await run(ranking("")));
    expect(error).toMatchObject({ code: "MEASURE_NOT_READY", measure: "BETWEENNESS" });
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(error.message).toContain("being computed");
    await warmNetwork(db, () => {});
    expect(await storedRows()).toBe(2);
    const ranked = rankedOf(await run(ranking("")));
    // round a ring every town lies on as many chains as any other
    expect(ranked[0].score).toBeGreaterThan(0);
    expect(ranked[0].score).toBeCloseTo(ranked[59].score);
    expect(ranked[0]).toMatchObject({ method: "EXACT", sampleSize: null });
  });

  it("refuses with NETWORK_BUSY when every worker and place in the queue is taken", async () => {
    setMeasureLimits({ workers: 1, queue: 0 });
    const holder = new AbortController();
    const held = requestPool().measure("held", ringGraph(5000), "betweenness", holder.signal);
    const [error] = errorsOf(await run(ranking(`{ from: "1901" }`)));
    expect(error).toMatchObject({ code: "NETWORK_BUSY", retryAfterSeconds: 1 });
    holder.abort();
    await expect(held).rejects.toThrow(/cancelled/);
  });

  it("looks at 10 distinct filters in one request at most, and a repeated one once", async () => {
    const aliases = (count: number) =>
      Array.from(
        { length: count },
        (_, index) => `n${index}: network(filter: { from: "${1900 + index}" }) { nodeCount }`,
      );
    expect(
      (await run(`{ ${aliases(10).join(" ")} same: network(filter: { from: "1900" }) { nodeCount } }`))
        .errors,
    ).toBeUndefined();
    const [error] = errorsOf(await run(`{ ${aliases(11).join(" ")} }`));
    expect(error).toMatchObject({ code: "OPERATION_LIMIT_EXCEEDED", limit: "networkViews" });
  });

  it("refuses new computations with NETWORK_BUSY once they have spent the CPU given them at once", async () => {
    // a new view of 60 partnerships is estimated at about 1.2 ms of CPU: from a full budget of 0.75 ms,
    // it leaves the budget in debt
    setMeasureLimits({ maxSeconds: 0.003 });
    await viewed(`{ from: "1901-01" }`);
    const [error] = errorsOf(await run(`{ network(filter: { from: "1901-02" }) { nodeCount } }`));
    expect(error).toMatchObject({ code: "NETWORK_BUSY" });
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // a view already built costs nothing
    await viewed(`{ from: "1901-01" }`);
  });

  it("builds a new view larger than the budget holds at once when the budget is full", async () => {
    // the budget holds 0.5 ms; the view, about 1.2 ms, leaves it in debt
    setMeasureLimits({ maxSeconds: 0.002 });
    await viewed(`{ from: "1902-01" }`);
    const [error] = errorsOf(await run(`{ network(filter: { from: "1902-02" }) { nodeCount } }`));
    expect(error).toMatchObject({ code: "NETWORK_BUSY" });
  });

  it("gives a filter that keeps every partnership the whole network's view, at no cost", async () => {
    // room to find what a filter keeps (31 µs), not to build a new view of 63 partnerships (1.3 ms)
    setMeasureLimits({ maxSeconds: 0.001 });
    await viewed("{ kinds: [TWINNING, FRIENDSHIP, COOPERATION, DECENTRALISED_COOPERATION] }");
    await viewed("{ statuses: [ACTIVE] }");
  });

  it("refuses communities at a new resolution over the limit, and answers those computed already", async () => {
    const communities = (resolution: number) =>
      `{ network { communities(resolution: ${resolution}) { count } } }`;
    expect((await run(communities(1.5))).errors).toBeUndefined();
    setMeasureLimits({ maxSeconds: 0.0001 });
    expect((await run(communities(1.5))).errors).toBeUndefined();
    const [error] = errorsOf(await run(communities(2.5)));
    expect(error).toMatchObject({
      code: "MEASURE_TOO_EXPENSIVE",
      measure: "COMMUNITIES",
      maxSeconds: 0.0001,
    });
  });

  it("refuses a resolution of 1e400 (Infinity once parsed) as a bad argument", async () => {
    const [error] = errorsOf(await run(`{ network { communities(resolution: 1e400) { count } } }`));
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "resolution" });
  });

  it("refuses a filter's list of over 100 kinds", async () => {
    const kinds = Array.from({ length: 101 }, () => "TWINNING").join(" ");
    const [error] = errorsOf(await run(`{ network(filter: { kinds: [${kinds}] }) { nodeCount } }`));
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "filter.kinds" });
    expect(error.message).toContain("at most 100");
  });
});

describe("the background computation of the whole network", () => {
  let db: DataSource;
  let run: Executor;

  beforeAll(async () => {
    db = await openNetwork(ring(30, "bg"));
    run = localExecutor((await buildAgreementsSubgraph()).schema, db);
  });
  afterAll(() => db.destroy());

  it("stores the whole network's measures per revision, again after a write, and drops rows of filters", async () => {
    // what an earlier release stored for a filter
    await db.getRepository(NetworkMetric).save({ key: "betweenness|SI", revision: 1, scores: "{}" });
    await warmNetwork(db, () => {});
    const first = await readRevision(db.manager);
    const revisions = async () =>
      (await db.getRepository(NetworkMetric).find({ order: { key: "ASC" } })).map((row) => [
        row.key.split("|")[0],
        row.revision,
      ]);
    expect(await revisions()).toEqual([
      ["betweenness", first],
      ["closeness", first],
    ]);
    await writeTracked(db, async (manager) => {
      await upsertPartnerships(manager, ring(31, "bg"));
      await advanceRevision(manager);
    });
    const second = await readRevision(db.manager);
    // any read of the network finds the new revision, which starts its computation
    expect((await run(`{ network { nodeCount } }`)).errors).toBeUndefined();
    await vi.waitFor(async () =>
      expect(await revisions()).toEqual([
        ["betweenness", second],
        ["closeness", second],
      ]),
    );
  });

  it("finds the measures a process stored before a restart without new data, and computes nothing again", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "twingraph-warm-")), "agreements.sqlite");
    const before = await openAgreementsDatabase({ url: file });
    await writeTracked(before, (manager) => upsertPartnerships(manager, ring(30, "restart")));
    const computed: string[] = [];
    await warmNetwork(before, (line) => computed.push(line));
    expect(computed).toHaveLength(2);
    const stored = await before.getRepository(NetworkMetric).find({ order: { key: "ASC" } });
    await before.destroy();
    const restarted = await openAgreementsDatabase({ url: file });
    try {
      const again: string[] = [];
      await warmNetwork(restarted, (line) => again.push(line));
      expect(again).toEqual([]);
      expect(await restarted.getRepository(NetworkMetric).find({ order: { key: "ASC" } })).toEqual(stored);
      // the first read builds the view, and its measures come from the store
      const exact = rankedOf(
        await localExecutor((await buildAgreementsSubgraph()).schema, restarted)(ranking("")),
      );
      expect(exact[0]).toMatchObject({ method: "EXACT" });
    } finally {
      await restarted.destroy();
    }
  });
});

/** a ring of `size` places */
function ringGraph(size: number): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (let i = 0; i < size; i += 1) graph.mergeEdge(`p${i}`, `p${(i + 1) % size}`);
  return graph;
}

describe("a view larger than a request may measure exactly", () => {
  let db: DataSource;
  let run: Executor;

  beforeAll(async () => {
    // 2,000 towns: the exact scores are 2,000 searches, an estimate 500
    db = await openNetwork(ring(2000, "large"));
    run = localExecutor((await buildAgreementsSubgraph()).schema, db);
  });
  afterAll(() => db.destroy());

  /** room for 500 searches of a ring of 2,000 (0.07 s estimated), not for 2,000 (0.28 s) */
  const ROOM_FOR_AN_ESTIMATE = 0.1;

  it("answers a filtered view with the seeded estimate, saying so, and the same estimate again", async () => {
    expect((await run(`{ network(filter: { from: "1900" }) { nodeCount } }`)).errors).toBeUndefined();
    setMeasureLimits({ maxSeconds: ROOM_FOR_AN_ESTIMATE });
    const ranked = rankedOf(await run(ranking(`{ from: "1900" }`)));
    expect(ranked).toHaveLength(100);
    expect(ranked[0]).toMatchObject({ method: "SAMPLED", sampleSize: 500 });
    expect(ranked[0].score).toBeGreaterThan(0);
    setMeasureLimits({ maxSeconds: ROOM_FOR_AN_ESTIMATE });
    expect(rankedOf(await run(ranking(`{ from: "1900" }`)))).toEqual(ranked);
  });

  it("answers the whole network with the estimate until the background computation stored the exact scores", async () => {
    setMeasureLimits({ maxSeconds: ROOM_FOR_AN_ESTIMATE });
    const [estimated] = rankedOf(await run(ranking("")));
    expect(estimated).toMatchObject({ method: "SAMPLED", sampleSize: 500 });
    await warmNetwork(db, () => {});
    const [exact] = rankedOf(await run(ranking("")));
    expect(exact).toMatchObject({ method: "EXACT", sampleSize: null });
  });
});

describe("a ranking whose requester goes away", () => {
  let db: DataSource;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    // betweenness round 10,000 towns takes seconds in two workers: long enough to be under way
    db = await openNetwork(ring(10_000, "big"));
    schema = (await buildAgreementsSubgraph()).schema;
  });
  afterAll(() => db.destroy());

  it("terminates the computation's worker threads", async () => {
    setMeasureLimits({ maxSeconds: 60, threads: 2 });
    // the workers of earlier tests' computations exit a moment after they answered
    await vi.waitFor(() => expect(liveCentralityWorkers()).toBe(0), { timeout: 10_000 });
    const before = liveCentralityWorkers();
    const caller = new AbortController();
    const answer = graphql({
      schema,
      source: ranking(`{ from: "1900" }`),
      contextValue: createContext(db, caller.signal),
    });
    await vi.waitFor(() => expect(liveCentralityWorkers()).toBe(before + 2), { timeout: 10_000 });
    caller.abort();
    const [error] = errorsOf(await answer);
    expect(error).toMatchObject({ code: "REQUEST_CANCELLED" });
    await vi.waitFor(() => expect(liveCentralityWorkers()).toBe(before), { timeout: 10_000 });
    expect(requestPool().load()).toEqual({ running: 0, queued: 0 });
  });
});
