// The Apollo gateway over the checked-in supergraph, with subgraphs reached over HTTP or, for tests
// and benchmarks, in this process; with persisted operations, a safelist mode and a response cache.
import {
  ApolloGateway,
  type GraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
  RemoteGraphQLDataSource,
} from "@apollo/gateway";
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import { type DataVersion, dataVersionFromEnv, openRedis, RedisKeyValueCache } from "@twingraph/kit/http";
import { createContext, createSubgraphServer, type SubgraphContext } from "@twingraph/kit/subgraph";
import type { GraphQLSchema } from "graphql";

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource["process"]>>;

import type { DataSource } from "typeorm";
import { PersistedOperationStore, persistedOperations, safelistPlugin } from "./persisted-operations";
import { responseCache } from "./response-cache";

/** A subgraph served in this process: its schema and its open database. */
export interface LocalSubgraph {
  schema: GraphQLSchema;
  db: DataSource;
}

/**
 * Runs a subgraph's Apollo server in this process, as the gateway would reach it over HTTP: each
 * gateway request gets its own subgraph context, so loaders batch within a request and never leak
 * across requests, and each answer's cache policy narrows the request's, as a Cache-Control header
 * from a remote subgraph does.
 */
class InProcessDataSource implements GraphQLDataSource {
  private readonly contexts = new WeakMap<object, SubgraphContext>();
  private readonly server: ApolloServer<SubgraphContext>;
  private started?: Promise<void>;

  constructor(
    schema: GraphQLSchema,
    private readonly db: DataSource,
  ) {
    this.server = createSubgraphServer(schema, { embedded: true });
  }

  async process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    this.started ??= this.server.start();
    await this.started;
    const { query, variables, operationName } = options.request;
    const response = await this.server.executeOperation(
      { query, variables, operationName },
      { contextValue: this.contextFor(options.context) },
    );
    if (response.body.kind !== "single") throw new Error("A subgraph answered with more than one result.");
    if ("incomingRequestContext" in options) {
      options.incomingRequestContext.overallCachePolicy?.restrict(
        cacheHintFrom(response.http.headers.get("cache-control")),
      );
    }
    return response.body.singleResult as GatewayGraphQLResponse;
  }

  private contextFor(gatewayContext: object): SubgraphContext {
    let context = this.contexts.get(gatewayContext);
    if (!context) {
      context = createContext(this.db);
      this.contexts.set(gatewayContext, context);
    }
    return context;
  }
}

/** The hint a subgraph's Cache-Control header gives: "max-age=300, public", or none (max-age 0). */
function cacheHintFrom(header: string | undefined): { maxAge: number; scope: "PUBLIC" | "PRIVATE" } {
  const maxAge = /(?:^|,)\s*max-age=(\d+)/.exec(header ?? "")?.[1];
  const scope = /\bprivate\b/.test(header ?? "") ? "PRIVATE" : "PUBLIC";
  return { maxAge: maxAge === undefined ? 0 : Number(maxAge), scope };
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** subgraphs to run in this process, by name; the others are reached over HTTP */
  local?: Record<string, LocalSubgraph>;
  /** subgraph URLs by name, over the supergraph's own and the CITIES_URL-style variables */
  urls?: Record<string, string>;
  /** run only persisted operations (SAFELIST=1) */
  safelist?: boolean;
  /** manifests of persisted operations beyond the widget's (PERSISTED_OPERATIONS, comma-separated) */
  persistedOperationFiles?: readonly string[];
  /** keep whole answers for their cache policy's max-age (default on; TWINGRAPH_RESPONSE_CACHE=0 is off) */
  responseCache?: boolean;
  /** Redis for cached answers and registered persisted queries (REDIS_URL); default: in memory */
  redisUrl?: string;
  /** what seeds and imports move on; default: the data directory's file, and Redis with REDIS_URL */
  dataVersion?: DataVersion;
  /** browser origins allowed to call the gateway (CORS_ORIGINS, comma-separated); default: local pages */
  corsOrigins?: readonly string[];
}

/** The options as given, with the environment's settings for those not given. */
export function withEnvironment(options: GatewayOptions): GatewayOptions {
  const env = process.env;
  return {
    ...options,
    safelist: options.safelist ?? env.SAFELIST === "1",
    persistedOperationFiles: options.persistedOperationFiles ?? listFromEnv(env.PERSISTED_OPERATIONS),
    responseCache: options.responseCache ?? env.TWINGRAPH_RESPONSE_CACHE !== "0",
    redisUrl: options.redisUrl ?? (env.REDIS_URL || undefined),
    corsOrigins: options.corsOrigins ?? listFromEnv(env.CORS_ORIGINS),
  };
}

function listFromEnv(value: string | undefined): string[] | undefined {
  const items = value
    ?.split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  return items && items.length > 0 ? items : undefined;
}

export function createGateway(options: GatewayOptions): ApolloGateway {
  return new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService({ name, url }): GraphQLDataSource {
      const local = options.local?.[name];
      if (local) return new InProcessDataSource(local.schema, local.db);
      // the supergraph names each subgraph's URL; CITIES_URL and the like override it per deployment
      return new RemoteGraphQLDataSource({
        url: options.urls?.[name] ?? process.env[`${name.toUpperCase()}_URL`] ?? url,
      });
    },
  });
}

export function createGatewayServer(given: GatewayOptions): ApolloServer<BaseContext> {
  const options = withEnvironment(given);
  const redis = options.redisUrl ? openRedis(options.redisUrl) : undefined;
  const cache = redis ? new RedisKeyValueCache(redis) : new InMemoryLRUCache<string>();
  const dataVersion = options.dataVersion ?? dataVersionFromEnv(redis);
  const operations = persistedOperations(options.persistedOperationFiles);
  const plugins: ApolloServerPlugin<BaseContext>[] = [
    // the gateway's own page at "/" replaces Apollo's landing page, which needs a CDN
    ApolloServerPluginLandingPageDisabled(),
    closing(async () => {
      if (!options.dataVersion) await dataVersion.close();
      redis?.disconnect();
    }),
  ];
  if (options.safelist) plugins.push(safelistPlugin(operations));
  if (options.responseCache) plugins.push(...responseCache(dataVersion, cache));
  return new ApolloServer({
    gateway: createGateway(options),
    introspection: true,
    cache,
    persistedQueries: {
      cache: new PersistedOperationStore(operations, options.safelist ? null : cache),
    },
    // The graph is public and read without credentials (no cookies; CORS never allows them), so a
    // cross-site GET can read nothing a page could not fetch openly, and GET runs no mutations.
    // Requiring a preflight header would cost every embedding page a CORS preflight per URL and
    // keep persisted GETs out of plain browser and CDN caches.
    csrfPrevention: false,
    plugins,
  });
}

function closing(close: () => Promise<void>): ApolloServerPlugin<BaseContext> {
  return {
    async serverWillStart() {
      return { serverWillStop: close };
    },
  };
}
