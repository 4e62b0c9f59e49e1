// Golden queries: every test/queries/<name>.graphql runs through the whole federation, operation by
// operation, and must answer exactly test/queries/<name>.json. UPDATE_GOLDEN=1 rewrites the answers
// (read the diff before committing it: these files are what the graph promises).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Federation, goldenAnswers, inProcessFederation } from "../src/harness";

const QUERIES = path.resolve(__dirname, "../queries");
const names = readdirSync(QUERIES)
  .filter((file) => file.endsWith(".graphql"))
  .map((file) => file.replace(/\.graphql$/, ""));

let federation: Federation;
beforeAll(async () => {
  federation = await inProcessFederation();
});
afterAll(() => federation.close());

describe("golden queries", () => {
  it("has at least one query per source document and the dossier query", () => {
    expect(names.length).toBeGreaterThanOrEqual(6);
  });

  it.each(names)("%s", async (name) => {
    const actual = withoutExtensions(await goldenAnswers(federation, QUERIES, name));
    const expectedFile = path.join(QUERIES, `${name}.json`);
    if (process.env.UPDATE_GOLDEN === "1")
      writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, "utf8")));
  });
});

/**
 * Each operation's data and errors: the graph's answer. Extensions (such as the cost the gateway
 * counted) are the gateway's account of the request, and have tests of their own.
 */
function withoutExtensions(answers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(answers).map(([operation, answer]) => {
      const { extensions: _extensions, ...rest } = answer as Record<string, unknown>;
      return [operation, rest];
    }),
  );
}
