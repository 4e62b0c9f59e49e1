// The attacker's-eye suite: thousands of generated malformed and hostile requests (test/src/hostile)
// sent over HTTP alone, a few at a time, to the stack as `npm start` runs it (a process per part),
// and the promises checked on every answer: no 5xx, every refusal in the one JSON error shape with a
// code, every GraphQL error coded, nothing of the server's insides in any answer, every process
// alive, the gateway's memory bounded, and the canary dossier still whole at the end. A second,
// smaller run in production mode also forbids "Did you mean" suggestions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askCanary } from "../src/hostile/canary";
import type { Problem } from "../src/hostile/checks";
import { categoryNames, hostileRequests } from "../src/hostile/generator";
import { MB, residentBytes } from "../src/hostile/proc";
import { runHostile, summarize, type Verdict, withProblem } from "../src/hostile/runner";
import { type HostileStack, type StackOptions, startHostileStack } from "../src/hostile/stack";

/** a few at a time: an attack on a 2-core CI machine, not a load test */
const CONCURRENCY = 4;
/**
 * The gateway's resident memory after the run may be at most twice that at the start plus 200 MB:
 * caches fill up to their bounds during a run (parsed documents, persisted queries, answers), so
 * some growth is right, but not growth with the number of requests.
 */
const MEMORY_FACTOR = 2;
const MEMORY_SLACK = 200 * MB;
/** generous for a 2-core CI machine; the run takes a minute or two when every limit holds */
const RUN_TIMEOUT_MS = 20 * 60_000;

interface Run {
  stack: HostileStack;
  verdicts: Verdict[];
  startMemory: number;
}

async function attack(options: StackOptions, count: number, seed: number): Promise<Run> {
  const stack = await startHostileStack(options);
  try {
    const warmUp = await askCanary(stack.gateway.port, 0);
    if (!warmUp.whole) throw new Error(`The canary is not whole before the attack: ${warmUp.body}`);
    const startMemory = residentBytes(stack.gateway.pid);
    const verdicts = await runHostile(stack, hostileRequests({ count, seed }), {
      concurrency: CONCURRENCY,
      production: options.production === true,
    });
    console.log(`${options.production ? "production" : "development"} mode: ${summarize(verdicts)}`);
    return { stack, verdicts, startMemory };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

function expectNone(run: () => Run, problem: Problem): void {
  const found = withProblem(run().verdicts, problem);
  expect(found.length, `${found.length} answers with "${problem}":\n${found.slice(0, 10).join("\n")}`).toBe(
    0,
  );
}

/** The checks every run makes, after its requests. */
function promises(run: () => Run): void {
  it("answers no request with a 5xx", () => expectNone(run, "5xx"));

  it("answers every refusal that has a body in the JSON error shape with a code", () =>
    expectNone(run, "uncoded refusal"));

  it("codes every GraphQL error, and none is an internal error", () => {
    expectNone(run, "uncoded error");
    expectNone(run, "internal error");
  });

  it("puts no stack trace, server path, internal URL or driver error in any answer", () => {
    for (const leak of ["stack trace", "server path", "internal URL", "internal detail"] as const)
      expectNone(run, leak);
  });

  it("answers every well-formed request (a malformed one may be hung up on)", () =>
    expectNone(run, "no answer"));

  it("gives the one right answer where a request has one (subgraphs without the secret, unknown paths, …)", () =>
    expectNone(run, "unexpected answer"));

  it("keeps every process alive", () => {
    const dead = run().stack.parts.filter((part) => !part.alive());
    expect(dead.map((part) => part.name)).toEqual([]);
  });

  it(`keeps the gateway's memory under ${MEMORY_FACTOR}× its start plus ${MEMORY_SLACK / MB} MB`, () => {
    const { stack, startMemory } = run();
    const now = residentBytes(stack.gateway.pid);
    console.log(`gateway resident memory: ${(startMemory / MB).toFixed(0)} MB → ${(now / MB).toFixed(0)} MB`);
    expect(now).toBeLessThan(MEMORY_FACTOR * startMemory + MEMORY_SLACK);
  });

  it("still answers the canary dossier whole", async () => {
    const canary = await askCanary(run().stack.gateway.port, 1);
    expect(canary.whole, canary.body.slice(0, 1000)).toBe(true);
  });
}

describe("2,000 hostile requests against the stack in development mode", () => {
  let run: Run | undefined;
  beforeAll(async () => {
    run = await attack({}, 2000, 14);
  }, RUN_TIMEOUT_MS);
  afterAll(() => run?.stack.stop());

  it("sent at least 2,000 requests across every category", () => {
    expect(run?.verdicts.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(run?.verdicts.map((verdict) => verdict.category))).toEqual(new Set(categoryNames()));
  });

  promises(() => run as Run);
});

describe("500 hostile requests against the stack in production mode", () => {
  let run: Run | undefined;
  beforeAll(async () => {
    run = await attack({ production: true }, 500, 10);
  }, RUN_TIMEOUT_MS);
  afterAll(() => run?.stack.stop());

  promises(() => run as Run);

  it('suggests no field names ("Did you mean")', () => expectNone(() => run as Run, "suggestion"));
});
