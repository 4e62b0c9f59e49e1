// Real front-end clients against the gateway over HTTP, running the generated typed documents: Apollo
// Client with automatic persisted queries by GET and its normalised cache, and graphql-request.
import { createHash } from "node:crypto";
import path from "node:path";
import {
  ApolloClient,
  CombinedGraphQLErrors,
  type DocumentNode,
  gql,
  HttpLink,
  InMemoryCache,
} from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { print } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CityCardDocument,
  CityPartnersDocument,
  CitySearchDocument,
  TwinningDossierDocument,
} from "../clients/generated/graphql";
import { type HttpFederation, httpFederation } from "../src/harness";

let federation: HttpFederation;
beforeAll(async () => {
  federation = await httpFederation();
});
afterAll(() => federation.close());

interface SentRequest {
  method: string;
  url: URL;
  /** the parsed JSON body of a POST */
  body?: { query?: string; extensions?: { persistedQuery?: { sha256Hash: string } } };
  status: number;
  cacheControl: string | null;
}

/** `fetch` that notes what it sent and how the gateway answered, as a browser's network panel would. */
function recordingFetch(sent: SentRequest[]): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    sent.push({
      method: init?.method ?? "GET",
      url: new URL(String(input)),
      body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
      status: response.status,
      cacheControl: response.headers.get("cache-control"),
    });
    return response;
  };
}

/** The hash GraphQL Code Generator put beside a generated document's definitions. */
function generatedHash(document: DocumentNode): string {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error("Not a generated document: only those are persisted operations.");
  return hash;
}

/**
 * An Apollo Client set up as docs/clients.md tells front-end teams to: automatic persisted queries
 * by GET, hashed from the text sent, or ("manifest") the persisted documents' own hashes.
 */
function apolloClient(
  sent: SentRequest[],
  gateway = federation,
  hashes: "text" | "manifest" = "text",
): ApolloClient {
  const persistedQueries = new PersistedQueryLink(
    hashes === "text"
      ? {
          sha256: (query) => createHash("sha256").update(query).digest("hex"),
          useGETForHashedQueries: true,
        }
      : { generateHash: generatedHash, useGETForHashedQueries: true },
  );
  return new ApolloClient({
    link: persistedQueries.concat(new HttpLink({ uri: gateway.gatewayUrl, fetch: recordingFetch(sent) })),
    cache: new InMemoryCache({
      typePolicies: {
        // countries have no id; their code is one
        Country: { keyFields: ["code"] },
        // city(id:) reads a city the cache holds from any earlier answer, not only from city(id:) itself
        Query: {
          fields: {
            city: {
              read: (existing, { args, toReference }) =>
                existing ?? toReference({ __typename: "City", id: args?.id }),
            },
          },
        },
      },
    }),
  });
}

/** The hash a GET carried in its `extensions` parameter. */
function hashOf(request: SentRequest): string | undefined {
  const extensions = request.url.searchParams.get("extensions");
  return extensions ? JSON.parse(extensions).persistedQuery?.sha256Hash : undefined;
}

describe("Apollo Client with persisted queries by GET", () => {
  it("runs the city page typed, registers its query once, then sends only the hash by GET", async () => {
    const first: SentRequest[] = [];
    const { data } = await apolloClient(first).query({
      query: CityPartnersDocument,
      variables: { id: "si-kranj", language: "sl" },
    });
    // typed: a misspelt field here would fail the typecheck, not the test
    const kranj = data?.city;
    expect(kranj?.name).toBe("Kranj");
    expect(kranj?.country).toEqual({ __typename: "Country", code: "SI", name: "Slovenia" });
    const villach = kranj?.partnerships?.find((partnership) => partnership.id === "p-kranj-villach");
    expect(villach).toMatchObject({ kind: "TWINNING", since: "2008" });
    expect(villach?.cities.find((city) => city.id === "at-villach")).toMatchObject({
      name: "Villach",
      displayName: "Beljak",
    });

    // the gateway does not know the hash yet: a GET with the hash alone, then the query by POST
    expect(first.map(({ method, status }) => [method, status])).toEqual([
      ["GET", 200],
      ["POST", 200],
    ]);
    const [hashOnly, registration] = first;
    expect(hashOnly.url.searchParams.get("operationName")).toBe("CityPartners");
    expect(hashOnly.url.searchParams.has("query")).toBe(false);
    expect(JSON.parse(hashOnly.url.searchParams.get("variables") ?? "{}")).toEqual({
      id: "si-kranj",
      language: "sl",
    });
    const query = registration.body?.query ?? "";
    expect(query).toContain("query CityPartners");
    expect(hashOf(hashOnly)).toBe(createHash("sha256").update(query).digest("hex"));
    expect(registration.body?.extensions?.persistedQuery?.sha256Hash).toBe(hashOf(hashOnly));

    // another client, another browser: the hash alone, by GET, is enough now
    const second: SentRequest[] = [];
    const again = await apolloClient(second).query({
      query: CityPartnersDocument,
      variables: { id: "si-kranj", language: "sl" },
    });
    expect(second.map(({ method, status }) => [method, status])).toEqual([["GET", 200]]);
    // the answer by GET may be kept by the browser or a CDN; "not found, send the text" may not
    expect(second[0].cacheControl).toMatch(/^max-age=[1-9]\d*, public$/);
    expect(hashOnly.cacheControl).toContain("no-cache");
    expect(second[0].url.searchParams.has("query")).toBe(false);
    expect(hashOf(second[0])).toBe(hashOf(hashOnly));
    expect(again.data).toEqual(data);
  });

  it("normalises cities by id: a partner's card comes from the cache, without a request", async () => {
    const sent: SentRequest[] = [];
    const client = apolloClient(sent);
    await client.query({ query: CityPartnersDocument, variables: { id: "si-kranj", language: "sl" } });
    const requests = sent.length;

    // Villach came only as a partner of Kranj, yet the cache holds it under its own id
    const id = client.cache.identify({ __typename: "City", id: "at-villach" });
    expect(id).toBe("City:at-villach");
    expect((client.cache as InMemoryCache).extract()[id ?? ""]).toMatchObject({
      id: "at-villach",
      name: "Villach",
    });

    const { data } = await client.query({
      query: CityCardDocument,
      variables: { id: "at-villach", language: "sl" },
    });
    expect(data?.city).toEqual({
      __typename: "City",
      id: "at-villach",
      name: "Villach",
      displayName: "Beljak",
      country: { __typename: "Country", code: "AT", name: "Austria" },
    });
    expect(sent.length).toBe(requests);

    // a language the cache has not seen is a field it lacks: that goes to the gateway
    const german = await client.query({
      query: CityCardDocument,
      variables: { id: "at-villach", language: "de" },
    });
    expect(german.data?.city?.displayName).toBe("Villach");
    expect(sent.length).toBeGreaterThan(requests);
  });

  it("runs the Kranj–Villach dossier through partnershipBetween", async () => {
    const { data } = await apolloClient([]).query({
      query: TwinningDossierDocument,
      variables: { cityIds: ["si-kranj", "at-villach"], language: "sl" },
    });
    const dossier = data?.partnershipBetween;
    expect(dossier).toMatchObject({
      id: "p-kranj-villach",
      kind: "TWINNING",
      status: "ACTIVE",
      since: "2008",
    });
    expect(dossier?.cities.map((city) => city.displayName).sort()).toEqual(["Beljak", "Kranj"]);
    expect(dossier?.visits).toContainEqual(
      expect.objectContaining({ date: "2016-02-25", host: expect.objectContaining({ id: "si-kranj" }) }),
    );
    expect(dossier?.sources.length).toBeGreaterThan(0);
  });
});

describe("graphql-request", () => {
  // graphql-request 7 is ECMAScript modules only, and this package compiles to CommonJS
  const graphqlRequest = import("graphql-request");

  it("runs the name search typed: Beljak finds Villach", async () => {
    const { GraphQLClient } = await graphqlRequest;
    const client = new GraphQLClient(federation.gatewayUrl);
    const { findCities } = await client.request(CitySearchDocument, { name: "Beljak" });
    expect(findCities[0]).toMatchObject({ id: "at-villach", name: "Villach", country: { code: "AT" } });
  });

  it("surfaces a bad argument as a ClientError with the BAD_USER_INPUT code", async () => {
    const { ClientError, GraphQLClient } = await graphqlRequest;
    const client = new GraphQLClient(federation.gatewayUrl);
    const error = await client.request(CitySearchDocument, { name: "Kranj", first: -1 }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ClientError);
    const [first] = (error as InstanceType<typeof ClientError>).response.errors ?? [];
    expect(first?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(first?.message).toContain('"first"');
  });
});

describe("safelist mode with the generated manifest", () => {
  const manifestFile = path.resolve(__dirname, "../clients/generated/persisted-documents.json");
  let safelisted: HttpFederation;
  beforeAll(async () => {
    safelisted = await httpFederation({
      gateway: { safelist: true, persistedOperationFiles: [manifestFile] },
    });
  });
  afterAll(() => safelisted.close());

  it("runs the generated operations by their hash alone, by GET, from the first request", async () => {
    const sent: SentRequest[] = [];
    const client = apolloClient(sent, safelisted, "manifest");
    const page = await client.query({
      query: CityPartnersDocument,
      variables: { id: "si-kranj", language: "sl" },
    });
    expect(page.data?.city?.partnerships?.map((partnership) => partnership.id)).toContain("p-kranj-villach");
    const dossier = await client.query({
      query: TwinningDossierDocument,
      variables: { cityIds: ["si-kranj", "at-villach"], language: "sl" },
    });
    expect(dossier.data?.partnershipBetween?.id).toBe("p-kranj-villach");

    expect(sent.map(({ method, status }) => [method, status])).toEqual([
      ["GET", 200],
      ["GET", 200],
    ]);
    expect(sent.every((request) => !request.url.searchParams.has("query"))).toBe(true);
    expect(sent.map(hashOf)).toEqual([
      generatedHash(CityPartnersDocument),
      generatedHash(TwinningDossierDocument),
    ]);
  });

  it("refuses an ad-hoc query, saying it is not in the safelist", async () => {
    const sent: SentRequest[] = [];
    const adHoc = gql(/* GraphQL */ `
      query AdHoc {
        city(id: "si-kranj") {
          id
          population
        }
      }
    `);
    const error = await apolloClient(sent, safelisted)
      .query({ query: adHoc })
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    // the hash is unknown, and the text that follows it is not let in either
    expect(sent.map(({ method }) => method)).toEqual(["GET", "POST"]);
    expect(CombinedGraphQLErrors.is(error)).toBe(true);
    const [refusal] = (error as CombinedGraphQLErrors).errors;
    expect(refusal.extensions?.code).toBe("PERSISTED_QUERY_NOT_IN_SAFELIST");
    expect(refusal.message).toContain("Operation AdHoc is not in the safelist");
    // and so for any client that posts the text
    const response = await safelisted.post({ query: print(adHoc) });
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_IN_SAFELIST");
  });
});
