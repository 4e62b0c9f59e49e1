// A date argument over its cap is a coded client mistake naming the argument and the limit, not
// quoted back in full.
import { type Executor, localExecutor } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildNewsSubgraph, openNewsDatabase } from "../src";

let db: DataSource;
let run: Executor;

beforeAll(async () => {
  db = await openNewsDatabase({ url: ":memory:" });
  run = localExecutor((await buildNewsSubgraph()).schema, db);
});
afterAll(() => db.destroy());

it.each(["from", "to"])("refuses visits(%s) of 100,000 characters, naming the limit", async (argument) => {
  const result = await run(`query ($t: String) { visits(${argument}: $t) { id } }`, {
    t: "2".repeat(100_000),
  });
  expect(result.errors?.map((error) => ({ message: error.message, ...error.extensions }))).toEqual([
    {
      message: `Argument "${argument}" must be at most 32 characters long, got 100000.`,
      code: "BAD_USER_INPUT",
      argumentName: argument,
    },
  ]);
});
