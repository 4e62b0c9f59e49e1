// The Apollo gateway over the checked-in supergraph, with subgraphs reached over HTTP or through data
// sources the caller gives (tests run subgraphs in process); with persisted operations, a safelist
// mode and a response cache.
import { ApolloGateway, type GraphQLDataSource, RemoteGraphQLDataSource } from "@apollo/gateway";
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import { openRedis, RedisKeyValueCache } from "@twingraph/kit/http";
import { type DataVersion, gatewayDataVersion, subgraphUrl } from "./data-version";
import { PersistedOperationStore, persistedOperations, safelistPlugin } from "./persisted-operations";
import { responseCache } from "./response-cache";

export interface GatewayOptions {
  supergraphSdl: string;
  /** how to reach subgraphs other than over HTTP, by name (tests serve them in process) */
  dataSources?: Record<string, GraphQLDataSource>;
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
  /**
   * what seeds and imports move on, keying cached answers; default: the Redis key with REDIS_URL,
   * else the subgraphs' revisions over HTTP (unknown, so no caching, for subgraphs in dataSources)
   */
  dataVersion?: DataVersion;
  /**
   * how old a reading of the subgraphs' revisions may be when a request reuses it, in milliseconds
   * (DATA_VERSION_MAX_AGE_MS); default 0: every answer is keyed by a reading taken after it arrived
   */
  dataVersionMaxAgeMs?: number;
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
    dataVersionMaxAgeMs: options.dataVersionMaxAgeMs ?? millisecondsFromEnv("DATA_VERSION_MAX_AGE_MS"),
  };
}

function millisecondsFromEnv(variable: string): number {
  const value = process.env[variable];
  if (value === undefined || value === "") return 0;
  const milliseconds = Number(value);
  if (!Number.isInteger(milliseconds) || milliseconds < 0)
    throw new Error(`${variable} must be a whole number of milliseconds, got "${value}"`);
  return milliseconds;
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
      const given = options.dataSources?.[name];
      if (given) return given;
      // the supergraph names each subgraph's URL; CITIES_URL and the like override it per deployment
      return new RemoteGraphQLDataSource({ url: subgraphUrl(name, url, options.urls) });
    },
  });
}

export function createGatewayServer(given: GatewayOptions): ApolloServer<BaseContext> {
  const options = withEnvironment(given);
  const redis = options.redisUrl ? openRedis(options.redisUrl) : undefined;
  const cache = redis ? new RedisKeyValueCache(redis) : new InMemoryLRUCache<string>();
  const dataVersion =
    options.dataVersion ??
    gatewayDataVersion({
      supergraphSdl: options.supergraphSdl,
      urls: options.urls,
      inProcess: Object.keys(options.dataSources ?? {}),
      redis,
      maxAgeMs: options.dataVersionMaxAgeMs,
    });
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
