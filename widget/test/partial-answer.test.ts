// An answer with a subgraph down (docs/api-policy.md): the widget shows the partners it has when
// only a partnership's visits or projects are missing, and its error state when anything else is.
import { describe, expect, it } from "vitest";
import {
  type AnswerError,
  type CityData,
  type PartnershipData,
  partnersOf,
  showableDespiteErrors,
  type TwinPartnershipsData,
} from "../src/browser/partners-model";
import { fetchPersisted, GraphQLRequestError } from "../src/browser/partnerships-request";

const kranj = {
  id: "si-kranj",
  name: "Kranj",
  displayName: "Kranj",
  latitude: 46.24,
  longitude: 14.36,
  country: { code: "SI", name: "Slovenia" },
};
const villach = { ...kranj, id: "at-villach", name: "Villach", displayName: "Beljak" };

function partnership(overrides: Partial<PartnershipData> = {}): PartnershipData {
  return {
    id: "p-kranj-villach",
    name: null,
    kind: "TWINNING",
    status: "ACTIVE",
    since: "2008",
    until: null,
    cities: [kranj, villach],
    visits: [],
    projects: [],
    sources: [],
    ...overrides,
  };
}

function answer(partnerships: PartnershipData[] | null): TwinPartnershipsData {
  return { city: { ...kranj, partnerships } };
}

const NEWS_DOWN: AnswerError = {
  message: "The news subgraph is unavailable; its fields are null.",
  path: ["city", "partnerships", 0, "visits"],
};

describe("showableDespiteErrors", () => {
  it("shows partners whose visits or projects came null with an error on that path", () => {
    const data = answer([partnership({ visits: null, projects: null })]);
    const projectsDown = { ...NEWS_DOWN, path: ["city", "partnerships", 0, "projects"] };
    expect(showableDespiteErrors(data, [NEWS_DOWN, projectsDown])).toBe(true);
    // a visit whose host could not be named nulls the whole list
    expect(showableDespiteErrors(data, [{ ...NEWS_DOWN, path: [...NEWS_DOWN.path!, 0, "host"] }])).toBe(true);
  });

  it("shows them beside an error without a path: a subgraph the gateway could not reach", () => {
    const data = answer([partnership({ visits: null })]);
    expect(showableDespiteErrors(data, [{ message: "The news subgraph is unavailable." }])).toBe(true);
  });

  it("refuses an answer without the city or its partnerships, which would read 'unknown' or 'none'", () => {
    const unreachable = [{ message: "unavailable" }];
    expect(showableDespiteErrors({ city: null }, unreachable)).toBe(false);
    expect(showableDespiteErrors(answer(null), unreachable)).toBe(false);
    expect(showableDespiteErrors(answer(null), [{ message: "x", path: ["city", "partnerships"] }])).toBe(
      false,
    );
  });

  it("refuses an error on any other field, or on a list that came after all", () => {
    const data = answer([partnership({ visits: null })]);
    expect(showableDespiteErrors(data, [{ message: "x", path: ["city", "partnerships", 0, "since"] }])).toBe(
      false,
    );
    expect(
      showableDespiteErrors(data, [{ message: "x", path: ["city", "partnerships", 0, "projects"] }]),
    ).toBe(false);
  });
});

describe("a partial answer", () => {
  const body = { data: answer([partnership({ visits: null })]), errors: [NEWS_DOWN] };
  const fetcher = (async () =>
    new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } })) as typeof fetch;
  const request = {
    endpoint: new URL("http://gateway.test/graphql"),
    operationName: "TwinPartnerships",
    query: 'query TwinPartnerships { city(id: "si-kranj") { id } }',
    sha256Hash: "ab".repeat(32),
    variables: {},
  };

  it("reaches the widget when it is showable, and still fails a caller that shows no partial answers", async () => {
    const data = await fetchPersisted<TwinPartnershipsData>(
      request,
      undefined,
      fetcher,
      showableDespiteErrors,
    );
    expect(data.city?.partnerships?.[0].visits).toBeNull();
    await expect(fetchPersisted(request, undefined, fetcher)).rejects.toBeInstanceOf(GraphQLRequestError);
  });

  it("keeps every partner, with the partnership whose visits are unavailable", () => {
    const [partner] = partnersOf(body.data.city as CityData, "sl");
    expect(partner.place.displayName).toBe("Beljak");
    expect(partner.partnerships.map((item) => item.visits)).toEqual([null]);
  });
});
