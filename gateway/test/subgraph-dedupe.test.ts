// The subgraph client's connections and in-flight deduplication, against a little HTTP server that
// holds its answers until the test lets them go: identical queries in flight together make one
// fetch, while different variables, different accounts and mutations each make their own, and
// SUBGRAPH_DEDUPE=0 turns merging off; sequential fetches reuse one kept-alive connection, and a
// query (never a mutation) is sent again when the subgraph drops a reused connection.
import http, { type IncomingHttpHeaders } from "node:http";
import net, { type AddressInfo } from "node:net";
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { ApolloServer, BaseContext } from "@apollo/server";
import { metricsRegistry, type Viewer } from "@twingraph/kit/http";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createGatewayServer } from "../src/gateway";
import { SubgraphDataSource, subgraphClientSettings } from "../src/subgraph-client";
import { readSupergraph } from "../src/supergraph";

const SECRET = "test-secret";

interface Received {
  query: string;
  variables: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

/** A subgraph stand-in that answers a city (or a changeset) named after the variables, once released. */
class HeldSubgraph {
  readonly received: Received[] = [];
  connections = 0;
  holding = true;
  private readonly held: (() => void)[] = [];
  private readonly server = http.createServer((request, response) => {
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      text += chunk;
    });
    request.on("end", () => {
      const { query, variables = {} } = JSON.parse(text) as Omit<Received, "headers">;
      this.received.push({ query, variables, headers: request.headers });
      const answer = () => {
        response.writeHead(200, {
          "content-type": "application/json",
          "cache-control": "max-age=60, public",
        });
        response.end(JSON.stringify({ data: answerTo(query, variables) }));
      };
      if (this.holding) this.held.push(answer);
      else answer();
    });
  });

  constructor() {
    this.server.on("connection", () => {
      this.connections += 1;
    });
  }

  release(): void {
    for (const answer of this.held.splice(0)) answer();
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

function answerTo(query: string, variables: Record<string, unknown>): unknown {
  const [id] = Object.values(variables);
  if (query.startsWith("mutation")) return { commentOnChangeset: { id } };
  return { city: { name: `City ${id}` } };
}

const CITY = /* GraphQL */ `query City($id: ID!) { city(id: $id) { name } }`;
const COMMENT = /* GraphQL */ `mutation Comment($id: ID!) { commentOnChangeset(id: $id, text: "ok") { id } }`;
const ANA: Viewer = { subject: "ana", name: "Ana Novak", role: "editor" };
const BOR: Viewer = { subject: "bor", name: "Bor Kos", role: "editor" };

let subgraph: HeldSubgraph;
let gateway: ApolloServer<BaseContext>;

async function startGateway(url?: string): Promise<void> {
  url ??= await subgraph.listen();
  gateway = createGatewayServer({
    supergraphSdl: readSupergraph(),
    urls: { cities: url, agreements: url, projects: url, news: url, changes: url },
    responseCache: false,
  });
  await gateway.start();
}

async function ask(query: string, id: string, viewer?: Viewer): Promise<unknown> {
  const response = await gateway.executeOperation(
    { query, variables: { id } },
    { contextValue: { requestId: `request-${id}`, viewer } },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  // the answer's other extensions, such as its cost, are not this client's
  const { data, errors } = response.body.singleResult;
  return errors ? { data, errors } : { data };
}

async function sharedCount(): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric("twingraph_subgraph_fetches_shared_total")?.get();
  return metric?.values.reduce((sum, entry) => sum + entry.value, 0) ?? 0;
}

/**
 * The requests sent together while the subgraph holds its answers; released once each of their
 * fetches has either reached the subgraph or joined one in flight, so none can come after.
 */
async function together<T>(requests: (() => Promise<T>)[]): Promise<T[]> {
  const sharedBefore = await sharedCount();
  const receivedBefore = subgraph.received.length;
  const answers = Promise.all(requests.map((request) => request()));
  while (subgraph.received.length - receivedBefore + (await sharedCount()) - sharedBefore < requests.length)
    await new Promise((resolve) => setTimeout(resolve, 5));
  subgraph.release();
  return answers;
}

beforeEach(() => {
  vi.stubEnv("GATEWAY_SECRET", SECRET);
  subgraph = new HeldSubgraph();
});

afterEach(async () => {
  await gateway?.stop();
  await subgraph.close();
  vi.unstubAllEnvs();
});

describe("identical queries in flight together", () => {
  it("make one fetch, and each request has the answer", async () => {
    await startGateway();
    const answers = await together([1, 2, 3].map(() => () => ask(CITY, "si-kranj")));
    expect(subgraph.received).toHaveLength(1);
    for (const answer of answers) expect(answer).toEqual({ data: { city: { name: "City si-kranj" } } });
  });

  it("are merged for the same account, signed for it", async () => {
    await startGateway();
    await together([() => ask(CITY, "si-kranj", ANA), () => ask(CITY, "si-kranj", { ...ANA })]);
    expect(subgraph.received).toHaveLength(1);
    expect(subgraph.received[0]?.headers["x-twingraph-viewer"]).toBeDefined();
  });

  it("are not merged with different variables", async () => {
    await startGateway();
    const answers = await together([() => ask(CITY, "si-kranj"), () => ask(CITY, "at-villach")]);
    expect(subgraph.received.map(({ variables }) => variables.id).sort()).toEqual(["at-villach", "si-kranj"]);
    expect(answers).toEqual([
      { data: { city: { name: "City si-kranj" } } },
      { data: { city: { name: "City at-villach" } } },
    ]);
  });

  it("are not merged across accounts, nor with an anonymous request", async () => {
    await startGateway();
    await together([
      () => ask(CITY, "si-kranj", ANA),
      () => ask(CITY, "si-kranj", BOR),
      () => ask(CITY, "si-kranj"),
    ]);
    const accounts = subgraph.received.map(({ headers }) => headers["x-twingraph-viewer"]);
    expect(new Set(accounts).size).toBe(3);
  });

  it("are each sent with SUBGRAPH_DEDUPE=0", async () => {
    vi.stubEnv("SUBGRAPH_DEDUPE", "0");
    await startGateway();
    await together([1, 2, 3].map(() => () => ask(CITY, "si-kranj")));
    expect(subgraph.received).toHaveLength(3);
  });
});

describe("identical mutations in flight together", () => {
  it("are each sent", async () => {
    await startGateway();
    const answers = await together([1, 2].map(() => () => ask(COMMENT, "cs_1", ANA)));
    expect(subgraph.received).toHaveLength(2);
    for (const answer of answers) expect(answer).toEqual({ data: { commentOnChangeset: { id: "cs_1" } } });
  });
});

describe("a merged fetch's answer", () => {
  /** What @apollo/gateway gives a data source for a query's root fetch. */
  function rootFetch(restrict: (hint: unknown) => void): GraphQLDataSourceProcessOptions {
    return {
      kind: "incoming operation",
      request: { query: "query($id:ID!){city(id:$id){name}}", variables: { id: "si-kranj" } },
      context: { requestId: "r" },
      incomingRequestContext: { operation: { operation: "query" }, overallCachePolicy: { restrict } },
    } as unknown as GraphQLDataSourceProcessOptions;
  }

  it("is objects of each request's own, and narrows each request's cache policy", async () => {
    const source = new SubgraphDataSource(
      "cities",
      await subgraph.listen(),
      subgraphClientSettings("cities"),
    );
    const hints: unknown[][] = [[], []];
    const [first, second] = await together(
      hints.map((given) => () => source.process(rootFetch((hint) => given.push(hint)))),
    );
    expect(subgraph.received).toHaveLength(1);
    expect(first).toEqual({ data: { city: { name: "City si-kranj" } } });
    expect(second).toEqual(first);
    // the gateway merges answers into the client's result in place: nothing may be shared
    expect(second?.data?.city).not.toBe(first?.data?.city);
    expect(hints).toEqual([[{ maxAge: 60, scope: "PUBLIC" }], [{ maxAge: 60, scope: "PUBLIC" }]]);
  });
});

describe("connections to a subgraph", () => {
  it("are kept alive: one after another, fetches reuse one", async () => {
    subgraph.holding = false;
    await startGateway();
    for (const id of ["si-kranj", "at-villach", "si-lenart", "hr-pula"])
      expect(await ask(CITY, id)).toEqual({ data: { city: { name: `City ${id}` } } });
    expect(subgraph.received).toHaveLength(4);
    expect(subgraph.connections).toBe(1);
  });
});

/**
 * A subgraph that answers the first request on each connection and drops the connection when
 * another comes on it, as a subgraph does that closed a kept-alive connection as it was reused.
 */
class DroppingSubgraph {
  connections = 0;
  answered = 0;
  private readonly sockets = new Set<net.Socket>();
  private readonly server = net.createServer((socket) => {
    this.connections += 1;
    this.sockets.add(socket);
    let served = 0;
    let buffered = "";
    socket.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const headEnd = buffered.indexOf("\r\n\r\n");
      if (headEnd < 0) return;
      const length = Number(/content-length: *(\d+)/i.exec(buffered.slice(0, headEnd))?.[1] ?? 0);
      if (buffered.length < headEnd + 4 + length) return;
      const body = buffered.slice(headEnd + 4, headEnd + 4 + length);
      buffered = "";
      if (served++ > 0) {
        socket.resetAndDestroy();
        return;
      }
      this.answered += 1;
      const { query, variables } = JSON.parse(body) as Omit<Received, "headers">;
      const json = JSON.stringify({ data: answerTo(query, variables) });
      socket.write(
        `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${json.length}\r\n\r\n${json}`,
      );
    });
    socket.on("error", () => {});
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

describe("a kept-alive connection the subgraph dropped", () => {
  let dropping: DroppingSubgraph;

  beforeEach(() => {
    dropping = new DroppingSubgraph();
  });

  afterEach(async () => {
    await gateway?.stop();
    await dropping.close();
  });

  it("costs a query nothing: it is sent again on a new connection", async () => {
    await startGateway(await dropping.listen());
    for (const id of ["si-kranj", "at-villach"])
      expect(await ask(CITY, id)).toEqual({ data: { city: { name: `City ${id}` } } });
    expect(dropping).toMatchObject({ connections: 2, answered: 2 });
  });

  it("fails a mutation as unavailable: it is never sent twice", async () => {
    await startGateway(await dropping.listen());
    expect(await ask(COMMENT, "cs_1", ANA)).toEqual({ data: { commentOnChangeset: { id: "cs_1" } } });
    const second = (await ask(COMMENT, "cs_2", ANA)) as { errors?: { extensions?: { code?: string } }[] };
    expect(second.errors?.[0]?.extensions?.code).toBe("SUBGRAPH_UNAVAILABLE");
    expect(dropping).toMatchObject({ connections: 1, answered: 1 });
  });
});
