// The federation over real HTTP on loopback: the dossier answers as in one process, and no client
// mistake makes the gateway answer with HTTP 500.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpFederation, httpFederation } from "../src/harness";

let federation: HttpFederation;
beforeAll(async () => {
  federation = await httpFederation();
});
afterAll(() => federation.close());

const QUERIES = path.resolve(__dirname, "../queries");

describe("gateway over HTTP", () => {
  it("answers its health check", async () => {
    const response = await fetch(federation.gatewayUrl.replace(/\/graphql$/, "/health"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers the dossier query as the golden file says", async () => {
    const document = readFileSync(path.join(QUERIES, "dossier.graphql"), "utf8");
    const expected = JSON.parse(readFileSync(path.join(QUERIES, "dossier.json"), "utf8"));
    const response = await federation.post({
      query: document,
      operationName: "Twinning",
      variables: { a: "at-villach", b: "si-kranj" },
    });
    expect(response.status).toBe(200);
    const { extensions, ...answer } = (await response.json()) as {
      extensions: { cost: { requested: number } };
    };
    expect(answer).toEqual(expected.Twinning);
    expect(extensions.cost.requested).toBeGreaterThan(0);
  });

  it("serves its query page at /, prefilled with the dossier", async () => {
    const response = await fetch(federation.gatewayUrl.replace(/\/graphql$/, "/"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const page = await response.text();
    const script = /<script[^>]+src="([^"]+)"/.exec(page)?.[1];
    expect(script, page).toBeDefined();
    const bundle = await (await fetch(new URL(script as string, response.url))).text();
    expect(bundle).toContain("partnershipBetween");
    expect(bundle).toContain("si-kranj");
  });

  it("answers unknown ids with null or an empty list", async () => {
    const result = await federation.execute(/* GraphQL */ `{
      city(id: "xx-nowhere") { id }
      partnership(id: "p-none") { id }
      agreement(id: "a-none") { id }
      project(id: "proj-none") { id }
      newsItem(id: "n-none") { id }
      partnershipBetween(cityIds: ["xx-nowhere", "si-kranj"]) { id }
      visits(cityId: "xx-nowhere") { id }
      agreements(cityId: "xx-nowhere") { id }
      projects(cityId: "xx-nowhere") { id }
      findCities(name: "Qwxyzzy") { id }
    }`);
    expect({ data: result.data, errors: result.errors }).toEqual({
      errors: undefined,
      data: {
        city: null,
        partnership: null,
        agreement: null,
        project: null,
        newsItem: null,
        partnershipBetween: null,
        visits: [],
        agreements: [],
        projects: [],
        findCities: [],
      },
    });
  });

  it.each([
    ["a negative first", `{ findCities(name: "Kranj", first: -1) { id } }`, "first"],
    ["first over 100", `{ agreements(first: 101) { id } }`, "first"],
    ["an empty cityIds", `{ partnershipBetween(cityIds: []) { id } }`, "cityIds"],
    [
      "a single city in cityIds",
      `{ partnershipBetween(cityIds: ["si-kranj", "si-kranj"]) { id } }`,
      "cityIds",
    ],
    ["a malformed date", `{ visits(from: "2016-02-30") { id } }`, "from"],
    ["a date in the wrong format", `{ partnerships(to: "25.2.2016") { id } }`, "to"],
    ["an unknown country", `{ findCities(name: "Kranj", country: "Atlantis") { id } }`, "country"],
  ])("rejects %s as BAD_USER_INPUT naming the argument", async (_case, query, argument) => {
    const response = await federation.post({ query });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(body.errors[0].message).toContain(`"${argument}"`);
  });

  it.each([
    ["a syntax error", { query: "{ city(id: " }, 400],
    ["an unknown field", { query: '{ city(id: "si-kranj") { mayor } }' }, 400],
    [
      "a variable of the wrong type",
      { query: "query($n: Int!) { agreements(first: $n) { id } }", variables: { n: "ten" } },
      400,
    ],
    ["a body that is not JSON", "{not json", 400],
    ["no query at all", {}, 400],
  ])("answers %s with a 4xx, not a 500", async (_case, body, status) => {
    const response = await federation.post(body);
    expect(response.status).toBe(status);
    const payload = (await response.json()) as { errors: unknown[] };
    expect(payload.errors.length).toBeGreaterThan(0);
  });
});
