// Text arguments of the agreements subgraph over their caps are coded client mistakes naming the
// argument and the limit, before a country name is parsed (work that grows with the square of its
// length) or a date is quoted back.
import { type Executor, localExecutor } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAgreementsSubgraph, openAgreementsDatabase } from "../src";

let db: DataSource;
let run: Executor;

beforeAll(async () => {
  db = await openAgreementsDatabase({ url: ":memory:" });
  run = localExecutor((await buildAgreementsSubgraph()).schema, db);
});
afterAll(() => db.destroy());

const LONG = "(".repeat(100_000);

async function refusalOf(query: string, variables: Record<string, unknown>) {
  const result = await run(query, variables);
  const [error] = result.errors ?? [];
  return { message: error?.message, ...error?.extensions };
}

describe("text arguments over their caps", () => {
  it.each([
    ["filter.country", `query ($t: String) { network(filter: { country: $t }) { nodeCount } }`, 100],
    ["filter.from", `query ($t: String) { network(filter: { from: $t }) { nodeCount } }`, 32],
    ["filter.to", `query ($t: String) { network(filter: { to: $t }) { nodeCount } }`, 32],
    ["country", `query ($t: String) { network { ranking(by: DEGREE, country: $t) { rank } } }`, 100],
    ["from", `query ($t: String) { partnerships(from: $t) { id } }`, 32],
    ["to", `query ($t: String) { partnerships(to: $t) { id } }`, 32],
  ])("refuses %s of 100,000 characters, naming the limit", async (argument, query, limit) => {
    expect(await refusalOf(query, { t: LONG })).toEqual({
      message: `Argument "${argument}" must be at most ${limit} characters long, got 100000.`,
      code: "BAD_USER_INPUT",
      argumentName: argument,
    });
  });

  it("still tells a date just too long which forms it takes", async () => {
    const error = await refusalOf(`query ($t: String) { partnerships(from: $t) { id } }`, {
      t: "2008-05-22T10:00:00.000+02:00",
    });
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "from" });
    expect(error.message).toContain("ISO 8601");
  });
});
