// Whole federations for tests and benchmarks: the manifest's subgraphs on in-memory databases, behind
// the gateway, either in one process (in-process data sources) or over real HTTP on loopback.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ApolloServer, BaseContext } from "@apollo/server";
import { distanceRoutes, pairPartnershipRoutes } from "@twingraph/agreements";
import {
  httpDerivedSteps,
  httpNewsLookups,
  localDerivedSteps,
  localNewsLookups,
  setChangeParticipants,
  setDerivedSteps,
  setNewsLookups,
} from "@twingraph/changes";
import { locationRoutes, placeCandidateRoutes } from "@twingraph/cities";
import { inProcessDataSources } from "@twingraph/dev";
import {
  createGatewayServer,
  type GatewayServerOptions,
  readSupergraph,
  startGateway,
} from "@twingraph/gateway";
import type { RunningServer } from "@twingraph/kit/http";
import {
  type ChangeParticipant,
  databaseRevisions,
  httpParticipant,
  type JsonStep,
  type LoadedSubgraph,
  listenSubgraph,
  loadSubgraphs,
  localParticipant,
  type Subgraph,
} from "@twingraph/kit/subgraph";
import { newsSeenRoutes } from "@twingraph/news";
import { closeDatabases, type Databases, loadSources } from "@twingraph/seed";
import { StatementCounter } from "@twingraph/testing";
import { Kind, parse } from "graphql";
import type { DataSource } from "typeorm";
import { testGatewaySecret } from "./gateway-secret";

export type SubgraphName = keyof Databases;

export interface Federation {
  databases: Databases;
  /** the gateway itself, in process; for callers that use it as a library (exports) */
  gateway?: ApolloServer<BaseContext>;
  counters: Record<SubgraphName, StatementCounter>;
  execute(
    query: string,
    variables?: Record<string, unknown>,
    operationName?: string,
  ): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

interface FederationOptions {
  /** load the source-derived seed (default true) */
  seedSources?: boolean;
  /** a PostgreSQL URL; default: a fresh in-memory SQLite database per subgraph */
  databaseUrl?: string;
  /** on PostgreSQL, each subgraph's schema is this prefix and its name: scratch schemas of one test */
  schemaPrefix?: string;
  /** open each subgraph's existing SQLite file in this directory (see sqliteFile) instead */
  sqliteDirectory?: string;
  /** gateway settings beyond the subgraphs: safelist, caching, CORS */
  gateway?: GatewayServerOptions;
}

/**
 * An answer's data and errors: what the golden files and assertions compare. Its extensions (the
 * cost, on every answer) are tested where they are the point.
 */
function dataAndErrors({ data, errors }: GraphQLResponse): GraphQLResponse {
  return errors ? { data, errors } : { data };
}

/** Where a subgraph's SQLite file lies in a directory of them. */
export function sqliteFile(directory: string, subgraph: string): string {
  return path.join(directory, `${subgraph}.sqlite`);
}

async function openDatabasesFor(
  options: FederationOptions,
): Promise<{ databases: Databases; counters: Record<SubgraphName, StatementCounter> }> {
  const counters = {} as Record<SubgraphName, StatementCounter>;
  const databases = {} as Record<SubgraphName, DataSource>;
  for (const { name, module } of await loadSubgraphs()) {
    const counter = new StatementCounter();
    counters[name as SubgraphName] = counter;
    databases[name as SubgraphName] = await module.open({
      url: options.sqliteDirectory
        ? sqliteFile(options.sqliteDirectory, name)
        : (options.databaseUrl ?? ":memory:"),
      schema: options.schemaPrefix ? `${options.schemaPrefix}${name}` : undefined,
      logger: counter,
    });
  }
  return { databases, counters };
}

interface BuiltSubgraph extends LoadedSubgraph {
  built: Subgraph;
}

/** The manifest's subgraphs, each built once, for the data sources and the participants both. */
async function buildSubgraphs(): Promise<BuiltSubgraph[]> {
  return Promise.all(
    (await loadSubgraphs()).map(async (loaded) => {
      const built = await loaded.module.build();
      return { ...loaded, built, module: { ...loaded.module, build: async () => built } };
    }),
  );
}

/** Every subgraph that edits records takes part in applying the changesets of this federation. */
function takePart(
  databases: Databases,
  subgraphs: readonly BuiltSubgraph[],
  participant: (subgraph: BuiltSubgraph & { built: Required<Subgraph> }) => ChangeParticipant,
): void {
  const editing = subgraphs.filter(
    (subgraph): subgraph is BuiltSubgraph & { built: Required<Subgraph> } => !!subgraph.built.editing,
  );
  setChangeParticipants(editing.map(participant), databases.changes);
}

/** The internal steps the coordinator measures partnership distances with, by the subgraph that serves them. */
function derivedRoutes(databases: Databases): Record<"cities" | "agreements", Record<string, JsonStep>> {
  return { cities: locationRoutes(databases.cities), agreements: distanceRoutes(databases.agreements) };
}

/** The internal steps ingestNews plans with, by the subgraph that serves them. */
function newsLookupRoutes(
  databases: Databases,
): Record<"cities" | "agreements" | "news", Record<string, JsonStep>> {
  return {
    cities: placeCandidateRoutes(databases.cities),
    agreements: pairPartnershipRoutes(databases.agreements),
    news: newsSeenRoutes(databases.news),
  };
}

/** The federation in one process: gateway and subgraphs share it, no sockets. */
export async function inProcessFederation(options: FederationOptions = {}): Promise<Federation> {
  const { databases, counters } = await openDatabasesFor(options);
  if (options.seedSources !== false) await loadSources(databases);
  const subgraphs = await buildSubgraphs();
  takePart(databases, subgraphs, ({ name, built }) =>
    localParticipant(name, databases[name as SubgraphName], built.editing),
  );
  setDerivedSteps(localDerivedSteps(derivedRoutes(databases)), databases.changes);
  setNewsLookups(localNewsLookups(newsLookupRoutes(databases)), databases.changes);
  const dataSources = await inProcessDataSources(subgraphs, databases);
  const server: ApolloServer<BaseContext> = createGatewayServer({
    // tests write to their databases directly, without moving the revisions on
    responseCache: false,
    dataVersion: databaseRevisions(databases),
    ...options.gateway,
    supergraphSdl: readSupergraph(),
    dataSources,
  });
  await server.start();
  return {
    databases,
    gateway: server,
    counters,
    async execute(query, variables, operationName) {
      const response = await server.executeOperation({ query, variables, operationName });
      if (response.body.kind !== "single") throw new Error("expected a single result");
      return dataAndErrors(response.body.singleResult as GraphQLResponse);
    },
    async close() {
      await server.stop();
      await closeDatabases(databases);
    },
  };
}

export interface HttpFederation extends Federation {
  gatewayUrl: string;
  /** each subgraph's own server, by name */
  subgraphUrls: Record<string, string>;
  /** what the subgraphs require in the gateway-secret header */
  subgraphSecret: string;
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** The federation over real HTTP on loopback: a server per subgraph and a gateway, on free ports. */
export async function httpFederation(options: FederationOptions = {}): Promise<HttpFederation> {
  const { databases, counters } = await openDatabasesFor(options);
  if (options.seedSources !== false) await loadSources(databases);
  const servers: RunningServer[] = [];
  const urls: Record<string, string> = {};
  const subgraphSecret = testGatewaySecret();
  const subgraphs = await buildSubgraphs();
  const derived: Record<string, Record<string, JsonStep>> = derivedRoutes(databases);
  const lookups: Record<string, Record<string, JsonStep>> = newsLookupRoutes(databases);
  const routesOf = (name: string) => ({ ...derived[name], ...lookups[name] });
  for (const { name, built } of subgraphs) {
    const running = await listenSubgraph(name, built.schema, databases[name as SubgraphName], {
      port: 0,
      host: "127.0.0.1",
      secret: subgraphSecret,
      editing: built.editing,
      routes: routesOf(name),
    });
    servers.push(running);
    urls[name] = `http://127.0.0.1:${running.port}/graphql`;
  }
  takePart(databases, subgraphs, ({ name }) =>
    httpParticipant(name, new URL(urls[name]).origin, subgraphSecret),
  );
  const origin = (name: string) => new URL(urls[name]).origin;
  setDerivedSteps(
    httpDerivedSteps({ cities: origin("cities"), agreements: origin("agreements") }, subgraphSecret),
    databases.changes,
  );
  setNewsLookups(
    httpNewsLookups(
      { cities: origin("cities"), agreements: origin("agreements"), news: origin("news") },
      subgraphSecret,
    ),
    databases.changes,
  );
  // tests send many requests from one address: rate limits are tested on their own
  const gateway = await startGateway(
    0,
    { responseCache: false, rateLimiter: null, ...options.gateway, urls },
    "127.0.0.1",
  );
  const gatewayUrl = `http://127.0.0.1:${gateway.port}/graphql`;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  return {
    databases,
    counters,
    gatewayUrl,
    subgraphUrls: urls,
    subgraphSecret,
    post,
    async execute(query, variables, operationName) {
      return dataAndErrors(
        (await (await post({ query, variables, operationName })).json()) as GraphQLResponse,
      );
    },
    async close() {
      await gateway.close();
      await Promise.all(servers.map((server) => server.close()));
      await closeDatabases(databases);
    },
  };
}

/** A gateway already serving at `gatewayUrl` (a stack `npm start` runs), asked over HTTP as a federation is. */
export function gatewayAt(gatewayUrl: string): Pick<Federation, "execute"> {
  return {
    async execute(query, variables, operationName) {
      const response = await fetch(gatewayUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables, operationName }),
      });
      return dataAndErrors((await response.json()) as GraphQLResponse);
    },
  };
}

/** Runs each named operation of <directory>/<name>.graphql in order, with <name>.variables.json. */
export async function goldenAnswers(
  federation: Pick<Federation, "execute">,
  directory: string,
  name: string,
): Promise<Record<string, unknown>> {
  const document = readFileSync(path.join(directory, `${name}.graphql`), "utf8");
  const variablesFile = path.join(directory, `${name}.variables.json`);
  const variables = existsSync(variablesFile) ? JSON.parse(readFileSync(variablesFile, "utf8")) : {};
  const answers: Record<string, unknown> = {};
  for (const definition of parse(document).definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
    const operationName = definition.name.value;
    answers[operationName] = await federation.execute(
      document,
      variables[operationName] ?? {},
      operationName,
    );
  }
  return answers;
}
