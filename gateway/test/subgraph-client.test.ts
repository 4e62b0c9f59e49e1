// The gateway's subgraph client against tiny local HTTP servers that answer, hang or refuse: the
// secret, request id and signed account on every fetch, coded errors that name the subgraph and nothing internal on
// the paths of the fields they null, the subgraph's own errors kept, the timeout, the circuit
// breaker and the /revision reads.
import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { ApolloServer, BaseContext } from "@apollo/server";
import { metricsRegistry, readViewer, type Viewer } from "@twingraph/kit/http";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SubgraphRevisions } from "../src/data-version";
import { createGatewayServer } from "../src/gateway";
import { subgraphClientSettings } from "../src/subgraph-client";
import { errorsOnNulledFields, MAX_ERRORS_PER_FETCH } from "../src/subgraph-error-paths";
import { readSupergraph } from "../src/supergraph";

const SECRET = "test-secret";
const TIMEOUT_MS = 300;
const RETRY_MS = 200;

type Behaviour = "answer" | "hang" | { status: number; body: unknown };

/** A subgraph stand-in on loopback that does what the test says and records what it was sent. */
class FakeSubgraph {
  behaviour: Behaviour = "answer";
  readonly requests: { url: string; headers: IncomingHttpHeaders }[] = [];
  private readonly hanging = new Set<http.ServerResponse>();
  private readonly server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      this.requests.push({ url: request.url ?? "", headers: request.headers });
      const behaviour = this.behaviour;
      if (behaviour === "hang") {
        this.hanging.add(response);
        return;
      }
      const [status, body] =
        behaviour === "answer" ? [200, this.answer(request.url)] : [behaviour.status, behaviour.body];
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    });
  });

  constructor(private readonly data: unknown) {}

  private answer(url: string | undefined): unknown {
    return url === "/revision" ? { revision: 7 } : { data: this.data };
  }

  async listen(port = 0): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** A loopback URL where nothing listens: connections are refused. */
async function refusingUrl(): Promise<string> {
  const fake = new FakeSubgraph(null);
  const url = await fake.listen();
  await fake.close();
  return url;
}

const CITY_WITH_NEWS = /* GraphQL */ `{ city(id: "si-kranj") { name news { title } } }`;
const KRANJ = { __typename: "City", id: "si-kranj", name: "Kranj" };
const NEWS = {
  _entities: [{ __typename: "City", news: [{ title: "Kranj and Villach renew their twinning" }] }],
};
const NEWS_UNAVAILABLE = "The news subgraph is unavailable; its fields are null.";
/** What a client is told of a field the news subgraph could not answer: the gateway adds serviceName. */
const NEWS_UNAVAILABLE_EXTENSIONS = { code: "SUBGRAPH_UNAVAILABLE", subgraph: "news", serviceName: "news" };

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: unknown; extensions?: Record<string, unknown> }[];
}

let cities: FakeSubgraph;
let news: FakeSubgraph;
let gateway: ApolloServer<BaseContext>;

async function startGateway(newsUrl: string): Promise<void> {
  const citiesUrl = await cities.listen();
  // agreements and projects are never asked by these queries
  gateway = createGatewayServer({
    supergraphSdl: readSupergraph(),
    urls: { cities: citiesUrl, news: newsUrl, agreements: citiesUrl, projects: citiesUrl },
    responseCache: false,
  });
  await gateway.start();
}

/** The answer's data and errors (its other extensions, such as its cost, are not this client's). */
async function ask(query = CITY_WITH_NEWS, requestId = "request-1", viewer?: Viewer): Promise<Answer> {
  const response = await gateway.executeOperation({ query }, { contextValue: { requestId, viewer } });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  const { data, errors } = response.body.singleResult as Answer;
  return errors ? { data, errors } : { data };
}

async function errorCount(subgraph: string, code: string): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric("twingraph_subgraph_fetch_errors_total")?.get();
  const value = metric?.values.find(
    (entry) => entry.labels.subgraph === subgraph && entry.labels.code === code,
  );
  return value?.value ?? 0;
}

async function circuitOpen(subgraph: string): Promise<number | undefined> {
  const metric = await metricsRegistry.getSingleMetric("twingraph_subgraph_circuit_open")?.get();
  return metric?.values.find((entry) => entry.labels.subgraph === subgraph)?.value;
}

/** Nothing an answer says may point inside the deployment. */
function expectNothingInternal(answer: Answer, url: string): void {
  const text = JSON.stringify(answer);
  const { hostname, port } = new URL(url);
  for (const internal of [hostname, `:${port}`, "ECONNREFUSED", "fetch failed", "stack"])
    expect(text).not.toContain(internal);
}

beforeEach(() => {
  vi.stubEnv("GATEWAY_SECRET", SECRET);
  vi.stubEnv("SUBGRAPH_TIMEOUT_MS", String(TIMEOUT_MS));
  vi.stubEnv("SUBGRAPH_CIRCUIT_FAILURES", "2");
  vi.stubEnv("SUBGRAPH_CIRCUIT_RETRY_MS", String(RETRY_MS));
  cities = new FakeSubgraph({ city: KRANJ });
  news = new FakeSubgraph(NEWS);
});

afterEach(async () => {
  await gateway?.stop();
  await Promise.all([cities.close(), news.close()]);
  vi.unstubAllEnvs();
});

describe("fetches to a subgraph that answers", () => {
  it("carry the gateway's secret and the request's id", async () => {
    await startGateway(await news.listen());
    const answer = await ask(CITY_WITH_NEWS, "dossier-42");
    expect(answer).toEqual({
      data: { city: { name: "Kranj", news: [{ title: "Kranj and Villach renew their twinning" }] } },
    });
    const sent = [...cities.requests, ...news.requests];
    expect(sent).toHaveLength(2);
    for (const { headers } of sent) {
      expect(headers["x-twingraph-gateway-secret"]).toBe(SECRET);
      expect(headers["x-request-id"]).toBe("dossier-42");
    }
  });

  it("carry the request's account in headers signed with the secret, and no account for an anonymous request", async () => {
    await startGateway(await news.listen());
    const ana: Viewer = { subject: "ana", name: "Ana Novak", role: "editor" };
    await ask(CITY_WITH_NEWS, "signed-in", ana);
    const sent = [...cities.requests, ...news.requests];
    expect(sent).toHaveLength(2);
    for (const { headers } of sent) expect(readViewer(headers, SECRET)).toEqual(ana);
    expect(() => readViewer(sent[0]!.headers, "another-secret")).toThrow(/not signed/);
    await ask(CITY_WITH_NEWS, "anonymous");
    for (const { headers } of [cities.requests[1]!, news.requests[1]!]) {
      expect(headers["x-twingraph-viewer"]).toBeUndefined();
      expect(readViewer(headers, SECRET)).toBeNull();
    }
  });

  it("keep the subgraph's own errors, their code and message", async () => {
    news.behaviour = {
      status: 200,
      body: {
        data: { _entities: [null] },
        errors: [{ message: "first must be at most 100", extensions: { code: "BAD_USER_INPUT" } }],
      },
    };
    await startGateway(await news.listen());
    const answer = await ask();
    expect(answer.data).toEqual({ city: { name: "Kranj", news: null } });
    expect(answer.errors).toMatchObject([
      { message: "first must be at most 100", extensions: { code: "BAD_USER_INPUT" } },
    ]);
  });

  it("keep the errors of a request the subgraph refused as the client's (4xx)", async () => {
    news.behaviour = {
      status: 400,
      body: { errors: [{ message: "Variable $first got 1e400", extensions: { code: "BAD_USER_INPUT" } }] },
    };
    const url = await news.listen();
    await startGateway(url);
    const answer = await ask();
    expect(answer.errors).toMatchObject([
      { message: "Variable $first got 1e400", extensions: { code: "BAD_USER_INPUT" } },
    ]);
    expectNothingInternal(answer, url);
  });

  it("answer a subgraph's refusal of the gateway itself (401, 5xx) as unavailable, not as the client's fault", async () => {
    const url = await news.listen();
    await startGateway(url);
    for (const status of [401, 403, 500, 503]) {
      news.behaviour = {
        status,
        body: { errors: [{ message: "The gateway secret is wrong", extensions: { code: "FORBIDDEN" } }] },
      };
      const answer = await ask();
      expect(answer.data).toEqual({ city: { name: "Kranj", news: null } });
      expect(answer.errors).toEqual([
        { message: NEWS_UNAVAILABLE, path: ["city", "news"], extensions: NEWS_UNAVAILABLE_EXTENSIONS },
      ]);
      expectNothingInternal(answer, url);
    }
    // the subgraph answered each time, so its circuit stays closed
    expect(news.requests).toHaveLength(4);
  });
});

describe("a subgraph that is down", () => {
  it("costs only its own fields: SUBGRAPH_UNAVAILABLE naming it, nothing internal, counted", async () => {
    const url = await refusingUrl();
    await startGateway(url);
    const before = await errorCount("news", "SUBGRAPH_UNAVAILABLE");
    const answer = await ask();
    expect(answer).toEqual({
      data: { city: { name: "Kranj", news: null } },
      errors: [
        { message: NEWS_UNAVAILABLE, path: ["city", "news"], extensions: NEWS_UNAVAILABLE_EXTENSIONS },
      ],
    });
    expectNothingInternal(answer, url);
    expect(await errorCount("news", "SUBGRAPH_UNAVAILABLE")).toBe(before + 1);
  });
});

describe("the errors of a failed fetch", () => {
  /** Cities as the cities subgraph lists them, for the news subgraph to add to. */
  function listedCities(count: number): unknown[] {
    return Array.from({ length: count }, (_, index) => ({
      __typename: "City",
      id: `c-${index}`,
      name: `C${index}`,
    }));
  }

  it("lie on each root field of a root fetch, by the name the client gave it", async () => {
    cities.behaviour = { status: 503, body: {} };
    await startGateway(await news.listen());
    const answer = await ask(
      `{ kranj: city(id: "si-kranj") { name } city(id: "si-lenart") { name news { title } } }`,
    );
    expect(answer.data).toEqual({ kranj: null, city: null });
    const extensions = { code: "SUBGRAPH_UNAVAILABLE", subgraph: "cities", serviceName: "cities" };
    expect(answer.errors).toEqual([
      { message: "The cities subgraph is unavailable; its fields are null.", path: ["kranj"], extensions },
      { message: "The cities subgraph is unavailable; its fields are null.", path: ["city"], extensions },
    ]);
    // nothing was left for the news subgraph to add to
    expect(news.requests).toHaveLength(0);
  });

  it("lie on each field an entity fetch adds, for each entity, where the client's answer has it", async () => {
    cities = new FakeSubgraph({ cities: listedCities(2) });
    await startGateway(await refusingUrl());
    const answer = await ask(`{ cities(first: 2) { name news { title } happenings: events { title } } }`);
    expect(answer.data).toEqual({
      cities: [
        { name: "C0", news: null, happenings: null },
        { name: "C1", news: null, happenings: null },
      ],
    });
    expect(answer.errors?.map((error) => error.path)).toEqual([
      ["cities", 0, "news"],
      ["cities", 0, "happenings"],
      ["cities", 1, "news"],
      ["cities", 1, "happenings"],
    ]);
    for (const error of answer.errors ?? [])
      expect(error).toMatchObject({ message: NEWS_UNAVAILABLE, extensions: NEWS_UNAVAILABLE_EXTENSIONS });
  });

  it(`are at most ${MAX_ERRORS_PER_FETCH} with a path, then one that counts the fields left without`, async () => {
    const count = 60;
    cities = new FakeSubgraph({ cities: listedCities(count) });
    await startGateway(await refusingUrl());
    const answer = await ask(`{ cities(first: ${count}) { name news { title } events { title } } }`);
    const nulled = answer.data?.cities as { news: unknown; events: unknown }[];
    expect(nulled).toHaveLength(count);
    for (const city of nulled) expect(city).toMatchObject({ news: null, events: null });

    const errors = answer.errors ?? [];
    expect(errors).toHaveLength(MAX_ERRORS_PER_FETCH + 1);
    expect(errors.slice(0, MAX_ERRORS_PER_FETCH).every((error) => Array.isArray(error.path))).toBe(true);
    expect(errors.at(-1)).toEqual({
      message: `${NEWS_UNAVAILABLE} ${2 * count - MAX_ERRORS_PER_FETCH} more null fields have no error of their own.`,
      extensions: NEWS_UNAVAILABLE_EXTENSIONS,
    });
  });
});

describe("the errors of a fetch the gateway plans", () => {
  const error = { message: "down", extensions: { code: "SUBGRAPH_UNAVAILABLE", subgraph: "news" } };

  it("follow named fragments, each entity through the fragment on its own type", () => {
    const query = /* GraphQL */ `
      query($representations: [_Any!]!) {
        _entities(representations: $representations) { ...OnCity ... on Partnership { visits { date } } }
      }
      fragment OnCity on City { __typename news { title } news { date } latest: events { title } }
    `;
    const representations = [
      { __typename: "Partnership", id: "p" },
      { __typename: "City", id: "c" },
    ];
    expect(errorsOnNulledFields(error, { query, variables: { representations } }).map((e) => e.path)).toEqual(
      [
        ["_entities", 0, "visits"],
        ["_entities", 1, "news"],
        ["_entities", 1, "latest"],
      ],
    );
  });

  it("are the one pathless error when the fields cannot be told", () => {
    expect(errorsOnNulledFields(error, { query: undefined })).toEqual([error]);
    expect(errorsOnNulledFields(error, { query: "{ not graphql" })).toEqual([error]);
  });
});

describe("a subgraph that hangs", () => {
  it("is abandoned after its timeout: SUBGRAPH_TIMEOUT naming it", { timeout: 10 * TIMEOUT_MS }, async () => {
    news.behaviour = "hang";
    await startGateway(await news.listen());
    const before = await errorCount("news", "SUBGRAPH_TIMEOUT");
    const answer = await ask();
    expect(answer).toEqual({
      data: { city: { name: "Kranj", news: null } },
      errors: [
        {
          message: `The news subgraph did not answer within ${TIMEOUT_MS} ms; its fields are null.`,
          path: ["city", "news"],
          extensions: { code: "SUBGRAPH_TIMEOUT", subgraph: "news", serviceName: "news" },
        },
      ],
    });
    expect(await errorCount("news", "SUBGRAPH_TIMEOUT")).toBe(before + 1);
  });

  it("is abandoned when its answer starts but does not finish in time", {
    timeout: 10 * TIMEOUT_MS,
  }, async () => {
    const server = http.createServer((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"data":');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      await startGateway(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
      expect((await ask()).errors).toMatchObject([
        { extensions: { code: "SUBGRAPH_TIMEOUT", subgraph: "news" } },
      ]);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe("the circuit to a subgraph", () => {
  it("opens after consecutive failures, refuses at once without a fetch, and closes when a later probe is answered", {
    timeout: 20 * TIMEOUT_MS,
  }, async () => {
    news.behaviour = "hang";
    await startGateway(await news.listen());
    // two timeouts (SUBGRAPH_CIRCUIT_FAILURES) open it
    for (const _ of [1, 2]) expect((await ask()).errors?.[0]?.extensions?.code).toBe("SUBGRAPH_TIMEOUT");
    expect(await circuitOpen("news")).toBe(1);

    const fetched = news.requests.length;
    const refused = await ask();
    expect(refused.data).toEqual({ city: { name: "Kranj", news: null } });
    expect(refused.errors).toMatchObject([
      { extensions: { code: "SUBGRAPH_UNAVAILABLE", subgraph: "news" } },
    ]);
    expect(news.requests).toHaveLength(fetched);

    news.behaviour = "answer";
    let answer = refused;
    while (answer.errors) answer = await ask();
    expect(answer.data).toEqual({
      city: { name: "Kranj", news: [{ title: "Kranj and Villach renew their twinning" }] },
    });
    expect(news.requests).toHaveLength(fetched + 1);
    expect(await circuitOpen("news")).toBe(0);
  });

  it("makes the /revision read of an unreachable subgraph unknown at once, so answers come uncached", async () => {
    news.behaviour = "hang";
    const url = await news.listen();
    await startGateway(url);
    for (const _ of [1, 2]) await ask();
    const fetched = news.requests.length;
    const revisions = new SubgraphRevisions({ news: url });
    expect(await revisions.current()).toBeNull();
    expect(news.requests).toHaveLength(fetched);
  });
});

describe("the /revision reads", () => {
  it("carry the gateway's secret", async () => {
    const url = await news.listen();
    expect(await new SubgraphRevisions({ news: url }).current()).toBe("news:7");
    expect(news.requests).toMatchObject([
      { url: "/revision", headers: { "x-twingraph-gateway-secret": SECRET } },
    ]);
  });

  it("give up after the subgraph's timeout: the version is unknown", {
    timeout: 10 * TIMEOUT_MS,
  }, async () => {
    news.behaviour = "hang";
    const url = await news.listen();
    expect(await new SubgraphRevisions({ news: url }).current()).toBeNull();
  });
});

describe("settings", () => {
  it("take a subgraph's own timeout over the common one, and refuse nonsense", () => {
    const env = { SUBGRAPH_TIMEOUT_MS: "2000", NEWS_TIMEOUT_MS: "800", GATEWAY_SECRET: "s" };
    expect(subgraphClientSettings("news", env)).toEqual({
      secret: "s",
      timeoutMs: 800,
      failures: 3,
      retryMs: 1000,
      dedupe: true,
    });
    expect(subgraphClientSettings("cities", env).timeoutMs).toBe(2000);
    expect(subgraphClientSettings("cities", {})).toEqual({
      secret: undefined,
      timeoutMs: 5000,
      failures: 3,
      retryMs: 1000,
      dedupe: true,
    });
    expect(() => subgraphClientSettings("news", { NEWS_TIMEOUT_MS: "soon" })).toThrow(
      'NEWS_TIMEOUT_MS must be a positive whole number, got "soon"',
    );
    expect(subgraphClientSettings("news", { SUBGRAPH_DEDUPE: "0" }).dedupe).toBe(false);
    expect(() => subgraphClientSettings("news", { SUBGRAPH_DEDUPE: "no" })).toThrow(
      'SUBGRAPH_DEDUPE must be 0 or 1, got "no"',
    );
  });
});
