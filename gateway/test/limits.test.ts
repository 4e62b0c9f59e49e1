// The request guard: each operation limit refuses with HTTP 400, OPERATION_LIMIT_EXCEEDED and the
// limit's name, before Apollo parses or validates anything; ordinary operations pass.
import { readFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import { HttpError } from "@twingraph/kit/http";
import { TWIN_PARTNERSHIPS } from "@twingraph/widget";
import { buildSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { type GuardSettings, requestGuard } from "../src/limits/guard";
import { DEFAULT_LIMITS, limitsFromEnv } from "../src/limits/settings";
import { operationId } from "../src/persisted-operations";

const schema = buildSchema(readFileSync(path.resolve(__dirname, "../../schema/api.graphql"), "utf8"));
const settings: GuardSettings = { limits: DEFAULT_LIMITS, schema: () => schema };
const URL_BASE = "http://localhost/graphql";

const post = (body: unknown, given: GuardSettings = settings) =>
  requestGuard(given)({ method: "POST" } as IncomingMessage, body, new URL(URL_BASE));

const get = (parameters: Record<string, string>, given: GuardSettings = settings) =>
  requestGuard(given)(
    { method: "GET" } as IncomingMessage,
    undefined,
    new URL(`${URL_BASE}?${new URLSearchParams(parameters)}`),
  );

/** The refusal the guard threw, or undefined when it let the request through. */
async function refusal(check: Promise<void>): Promise<HttpError | undefined> {
  try {
    await check;
    return undefined;
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
}

async function expectLimit(check: Promise<void>, limit: string): Promise<HttpError> {
  const error = await refusal(check);
  expect(error, `refused for ${limit}`).toBeInstanceOf(HttpError);
  expect(error?.status).toBe(400);
  expect(error?.code).toBe("OPERATION_LIMIT_EXCEEDED");
  expect(error?.extensions.limit).toBe(limit);
  return error as HttpError;
}

/** A query `depth` fields deep: city { partnerships { cities { … name } } } */
function nested(depth: number): string {
  let selection = "name";
  for (let level = 2; level < depth; level += 1)
    selection = level % 2 === 1 ? `partnerships { ${selection} }` : `cities { ${selection} }`;
  return `{ city(id: "si-kranj") { ${selection} } }`;
}

/** Fragments that each spread the next twice: 2^levels fields once inlined, in about 70 bytes a level. */
function fragmentBomb(levels: number): string {
  const fragments = Array.from({ length: levels }, (_, level) =>
    level === levels - 1
      ? `fragment F${level} on City { name }`
      : `fragment F${level} on City { ...F${level + 1} partners { ...F${level + 1} } }`,
  );
  return `{ city(id: "si-kranj") { ...F0 } } ${fragments.join(" ")}`;
}

describe("the request guard", () => {
  it("lets the widget's operation and an ordinary query through", async () => {
    expect(
      await refusal(post({ query: TWIN_PARTNERSHIPS.body, variables: { city: "si-kranj", lang: "sl" } })),
    ).toBeUndefined();
    expect(await refusal(get({ query: nested(DEFAULT_LIMITS.depth) }))).toBeUndefined();
  });

  it("refuses a batch over the limit, and lets one at the limit through", async () => {
    const batch = (size: number) => Array.from({ length: size }, () => ({ query: "{ __typename }" }));
    const error = await expectLimit(post(batch(DEFAULT_LIMITS.batch + 1)), "batch");
    expect(error.extensions).toMatchObject({ maximum: 10, found: 11 });
    expect(await refusal(post(batch(DEFAULT_LIMITS.batch)))).toBeUndefined();
  });

  it("refuses a document over the token limit, in a GET too", async () => {
    const query = `{ ${Array.from({ length: 1_000 }, (_, index) => `a${index}: __typename`).join(" ")} }`;
    await expectLimit(get({ query }), "tokens");
  });

  it("refuses the fragment bomb by its expanded size, before any validation", async () => {
    const query = fragmentBomb(15);
    expect(query.length).toBeLessThan(1_200);
    const before = process.cpuUsage();
    const error = await expectLimit(post({ query }), "fields");
    const { user, system } = process.cpuUsage(before);
    expect(error.extensions.found).toBe(2 ** 15);
    console.log(
      `fragment bomb (2^14 spreads, ${query.length} bytes) refused in ${(user + system) / 1000} ms of CPU`,
    );
  });

  it("hands a fragment cycle on to validation without looping", async () => {
    const query = `{ city(id: "x") { ...A } } fragment A on City { partners { ...B } } fragment B on City { partners { ...A } }`;
    expect(await refusal(post({ query }))).toBeUndefined();
  });

  it("refuses a document deeper than the limit", async () => {
    const error = await expectLimit(post({ query: nested(DEFAULT_LIMITS.depth + 1) }), "depth");
    expect(error.extensions.found).toBe(DEFAULT_LIMITS.depth + 1);
  });

  it("counts depth through fragments as if they were inlined", async () => {
    const inner = nested(DEFAULT_LIMITS.depth - 1);
    const query = `{ city(id: "x") { partners { ...Deep } } } fragment Deep on City { ${inner.slice(2, -2)} }`;
    // the fragment alone is depth - 1 deep; spread two levels down it is depth + 1
    expect(await refusal(post({ query: inner }))).toBeUndefined();
    await expectLimit(post({ query }), "depth");
  });

  it("refuses too many aliases", async () => {
    const query = `{ city(id: "x") { ${Array.from({ length: 16 }, (_, index) => `n${index}: name`).join(" ")} } }`;
    await expectLimit(post({ query }), "aliases");
  });

  it("refuses too many root fields", async () => {
    const query = `{ ${Array.from({ length: 11 }, (_, index) => `c${index}: city(id: "${index}") { name }`).join(" ")} }`;
    await expectLimit(
      post({ query }, { ...settings, limits: { ...DEFAULT_LIMITS, aliases: 100 } }),
      "rootFields",
    );
  });

  it("refuses a flood of directives", async () => {
    const query = `{ city(id: "x") { name ${"@include(if: true) ".repeat(51)} } }`;
    await expectLimit(post({ query }), "directives");
  });

  it("refuses a long list literal, naming the argument", async () => {
    const ids = Array.from({ length: 101 }, (_, index) => `"c${index}"`).join(",");
    const error = await expectLimit(post({ query: `{ cities(ids: [${ids}]) { name } }` }), "listItems");
    expect(error.message).toContain("Argument ids of cities has 101 items");
  });

  it("refuses cities(ids:) with 60,000 ids in a variable, naming the argument", async () => {
    const ids = Array.from({ length: 60_000 }, (_, index) => `c${index}`);
    const error = await expectLimit(
      post({ query: "query Many($ids: [ID!]) { cities(ids: $ids) { name } }", variables: { ids } }),
      "listItems",
    );
    expect(error.message).toContain("$ids (argument ids of cities) has 60000 items");
  });

  it("refuses variables nested 5,000 arrays deep without overflowing the stack", async () => {
    let value: unknown = 1;
    for (let level = 0; level < 5_000; level += 1) value = [value];
    await expectLimit(
      post({ query: "query($v: [ID]) { cities(ids: $v) { name } }", variables: { v: value } }),
      "variablesDepth",
    );
  });

  it("refuses variables larger than the limit, in a GET too", async () => {
    const variables = JSON.stringify({ name: "x".repeat(DEFAULT_LIMITS.variablesBytes) });
    await expectLimit(
      get({ query: "query($name: String!) { findCities(name: $name) { id } }", variables }),
      "variablesBytes",
    );
  });

  it("checks the text of a persisted-query registration like any other", async () => {
    const query = fragmentBomb(12);
    const extensions = { persistedQuery: { version: 1, sha256Hash: operationId(query) } };
    await expectLimit(post({ query, extensions }), "fields");
    // a hash alone names a text that was checked when it was registered
    expect(await refusal(post({ extensions }))).toBeUndefined();
  });

  it("in safelist mode, refuses an unlisted text before validation could suggest names", async () => {
    const safelist = new Map([[operationId(TWIN_PARTNERSHIPS.body), TWIN_PARTNERSHIPS.body]]);
    const error = await refusal(post({ query: "query Probe { citys { id } }" }, { ...settings, safelist }));
    expect(error?.status).toBe(403);
    expect(error?.code).toBe("PERSISTED_QUERY_NOT_IN_SAFELIST");
    expect(error?.message).toContain("Operation Probe is not in the safelist");
    expect(error?.message).not.toMatch(/did you mean|city/i);
    expect(await refusal(post({ query: TWIN_PARTNERSHIPS.body }, { ...settings, safelist }))).toBeUndefined();
  });
});

describe("limit settings", () => {
  it("reads each limit from its variable, and refuses a value that is not a whole number above 0", () => {
    expect(limitsFromEnv({ LIMIT_DEPTH: "4", LIMIT_BATCH: "1" })).toMatchObject({
      depth: 4,
      batch: 1,
      tokens: 2_000,
    });
    expect(() => limitsFromEnv({ LIMIT_TOKENS: "many" })).toThrow(
      /LIMIT_TOKENS must be a whole number above 0/,
    );
    expect(() => limitsFromEnv({ LIMIT_FIELDS: "0" })).toThrow(/LIMIT_FIELDS/);
  });
});
