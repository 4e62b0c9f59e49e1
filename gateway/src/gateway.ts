// The Apollo gateway over the checked-in supergraph, with subgraphs reached over HTTP or through data
// sources the caller gives (tests run subgraphs in process); with persisted operations, a safelist
// mode, a response cache, operation limits, cost control and a production mode (docs/limits.md).
import { ApolloGateway, type GraphQLDataSource } from "@apollo/gateway";
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { HttpError, openRedis, RedisKeyValueCache } from "@twingraph/kit/http";
import type { GraphQLSchema } from "graphql";
import { privateAnswersPlugin } from "./auth/private-answers";
import { type DataVersion, gatewayDataVersion, subgraphUrl } from "./data-version";
import { CheckedDocuments } from "./limits/checked-documents";
import { costPlugin, type OnCost } from "./limits/cost-plugin";
import { checkOperation, type RequestGuard, requestGuard } from "./limits/guard";
import { byteBoundedCache, documentCache, queryPlanCache } from "./limits/memory-cache";
import {
  finiteNumbersRule,
  knownOperationTypesRule,
  operationResolutionPlugin,
} from "./limits/operation-rules";
import { errorFormatter, introspectionEnabled, productionMode } from "./limits/production";
import {
  type CostSettings,
  costFromEnv,
  limitsFromEnv,
  type OperationLimits,
  positiveInteger,
} from "./limits/settings";
import {
  PersistedOperationStore,
  persistedOperations,
  registrationLimitPlugin,
  safelistPlugin,
} from "./persisted-operations";
import { responseCache } from "./response-cache";
import { SubgraphDataSource } from "./subgraph-client";

export type { GatewayContext } from "./context";

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
  /** limits on each operation, over the LIMIT_* variables' and the defaults (docs/limits.md) */
  limits?: Partial<OperationLimits>;
  /** the cost model and the largest cost allowed, over LIMIT_COST, the COST_* variables and the defaults */
  cost?: Partial<CostSettings>;
  /** called with each client operation's cost before it runs; the rate limit charges it there */
  onCost?: OnCost;
  /** no introspection and no "Did you mean" suggestions (NODE_ENV=production or TWINGRAPH_PRODUCTION=1) */
  production?: boolean;
  /** schema introspection (INTROSPECTION=1 or 0); default: on, except in production mode */
  introspection?: boolean;
  /** bytes the registered persisted queries may take in memory, overhead counted (APQ_CACHE_BYTES) */
  persistedQueryBytes?: number;
  /** persisted queries one client may register per minute (APQ_REGISTRATIONS_PER_MINUTE) */
  registrationsPerMinute?: number;
  /** how long a registered persisted query is kept, in seconds (APQ_TTL_SECONDS) */
  persistedQueryTtlSeconds?: number;
  /** bytes cached answers may take in memory, overhead counted (RESPONSE_CACHE_BYTES) */
  responseCacheBytes?: number;
  /** bytes Apollo's parsed and validated documents may take in memory (DOCUMENT_CACHE_BYTES) */
  documentCacheBytes?: number;
  /** bytes the query plans may take in memory (QUERY_PLAN_CACHE_BYTES) */
  queryPlanBytes?: number;
}

/** The options with every setting the environment or a default gives. */
export type GatewaySettings = GatewayOptions &
  Required<
    Pick<
      GatewayOptions,
      | "production"
      | "introspection"
      | "persistedQueryBytes"
      | "registrationsPerMinute"
      | "persistedQueryTtlSeconds"
      | "responseCacheBytes"
      | "documentCacheBytes"
      | "queryPlanBytes"
    >
  > & { limits: OperationLimits; cost: CostSettings };

const MEBIBYTE = 1_048_576;
const QUERY_PLAN_BYTES = 8 * MEBIBYTE;

/** The options as given, with the environment's settings for those not given. */
export function withEnvironment(options: GatewayOptions): GatewaySettings {
  const env = process.env;
  const production = options.production ?? productionMode(env);
  return {
    ...options,
    safelist: options.safelist ?? env.SAFELIST === "1",
    persistedOperationFiles: options.persistedOperationFiles ?? listFromEnv(env.PERSISTED_OPERATIONS),
    responseCache: options.responseCache ?? env.TWINGRAPH_RESPONSE_CACHE !== "0",
    redisUrl: options.redisUrl ?? (env.REDIS_URL || undefined),
    corsOrigins: options.corsOrigins ?? listFromEnv(env.CORS_ORIGINS),
    dataVersionMaxAgeMs: options.dataVersionMaxAgeMs ?? millisecondsFromEnv("DATA_VERSION_MAX_AGE_MS"),
    limits: { ...limitsFromEnv(env), ...options.limits },
    cost: { ...costFromEnv(env), ...options.cost },
    production,
    introspection: options.introspection ?? introspectionEnabled(production, env),
    persistedQueryBytes: options.persistedQueryBytes ?? numberFromEnv("APQ_CACHE_BYTES", 16 * MEBIBYTE),
    registrationsPerMinute:
      options.registrationsPerMinute ?? numberFromEnv("APQ_REGISTRATIONS_PER_MINUTE", 100),
    persistedQueryTtlSeconds: options.persistedQueryTtlSeconds ?? numberFromEnv("APQ_TTL_SECONDS", 86_400),
    responseCacheBytes: options.responseCacheBytes ?? numberFromEnv("RESPONSE_CACHE_BYTES", 32 * MEBIBYTE),
    documentCacheBytes: options.documentCacheBytes ?? numberFromEnv("DOCUMENT_CACHE_BYTES", 16 * MEBIBYTE),
    queryPlanBytes: options.queryPlanBytes ?? numberFromEnv("QUERY_PLAN_CACHE_BYTES", QUERY_PLAN_BYTES),
  };
}

function numberFromEnv(variable: string, fallback: number): number {
  const value = process.env[variable];
  return value === undefined || value === "" ? fallback : positiveInteger(variable, value);
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
    queryPlannerConfig: { cache: queryPlanCache(options.queryPlanBytes ?? QUERY_PLAN_BYTES) },
    buildService({ name, url }): GraphQLDataSource {
      const given = options.dataSources?.[name];
      if (given) return given;
      // the supergraph names each subgraph's URL; CITIES_URL and the like override it per deployment
      return new SubgraphDataSource(name, subgraphUrl(name, url, options.urls));
    },
  });
}

const guards = new WeakMap<ApolloServer<BaseContext>, RequestGuard>();

/**
 * The checks to run on each GraphQL request before the server made by createGatewayServer parses it:
 * serve's pre-Apollo guard (batch size, the safelist, the operation limits).
 */
export function requestGuardOf(server: ApolloServer<BaseContext>): RequestGuard {
  const guard = guards.get(server);
  if (!guard) throw new Error("requestGuardOf: this server was not made by createGatewayServer");
  return guard;
}

export function createGatewayServer(given: GatewayOptions): ApolloServer<BaseContext> {
  const options = withEnvironment(given);
  const redis = options.redisUrl ? openRedis(options.redisUrl) : undefined;
  const cache = redis ? new RedisKeyValueCache(redis) : byteBoundedCache(options.responseCacheBytes);
  const registrations = redis ? cache : byteBoundedCache(options.persistedQueryBytes);
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
  let apiSchema: GraphQLSchema | undefined;
  const guard = requestGuard({
    limits: options.limits,
    schema: () => apiSchema,
    safelist: options.safelist ? operations : undefined,
    checked: new CheckedDocuments(options.documentCacheBytes),
  });
  const plugins: ApolloServerPlugin<BaseContext>[] = [
    // the gateway's own page at "/" replaces Apollo's landing page, which needs a CDN
    ApolloServerPluginLandingPageDisabled(),
    closing(async () => {
      if (!options.dataVersion) await dataVersion.close();
      redis?.disconnect();
    }),
    schemaLoaded((schema) => {
      checkListedOperations(operations, schema, options.limits);
      apiSchema = schema;
    }),
    operationResolutionPlugin(),
    privateAnswersPlugin(),
    costPlugin(options.cost, options.limits.fields, options.onCost),
    registrationLimitPlugin(options.registrationsPerMinute),
  ];
  if (options.safelist) plugins.push(safelistPlugin(operations));
  if (options.responseCache) plugins.push(...responseCache(dataVersion, cache));
  const server = new ApolloServer({
    gateway: createGateway(options),
    introspection: options.introspection,
    // main.ts drains on signals (the kit's shutdownOnSignals); Apollo's own handler would stop mid-drain
    stopOnTerminationSignals: false,
    hideSchemaDetailsFromClientErrors: options.production,
    includeStacktraceInErrorResponses: false,
    formatError: errorFormatter(options.production),
    validationRules: [knownOperationTypesRule, finiteNumbersRule],
    // the guard parses within the same limit first; this one holds for operations run in process
    parseOptions: { maxTokens: options.limits.tokens },
    allowBatchedHttpRequests: true,
    documentStore: documentCache(options.documentCacheBytes),
    cache,
    persistedQueries: {
      cache: new PersistedOperationStore(operations, options.safelist ? null : registrations),
      ttl: options.persistedQueryTtlSeconds,
    },
    // The graph is public and read without credentials (no cookies; CORS never allows them), so a
    // cross-site GET can read nothing a page could not fetch openly, and GET runs no mutations.
    // Requiring a preflight header would cost every embedding page a CORS preflight per URL and
    // keep persisted GETs out of plain browser and CDN caches.
    csrfPrevention: false,
    plugins,
  });
  guards.set(server, guard);
  return server;
}

/** Persisted operations are held to the limits when they are listed: a manifest over them stops the start. */
function checkListedOperations(
  operations: ReadonlyMap<string, string>,
  schema: GraphQLSchema,
  limits: OperationLimits,
): void {
  for (const [id, body] of operations) {
    try {
      checkOperation({ query: body }, { limits, schema: () => schema });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      throw new Error(`Persisted operation ${id} is over the operation limits: ${error.message}`);
    }
  }
}

function schemaLoaded(loaded: (apiSchema: GraphQLSchema) => void): ApolloServerPlugin<BaseContext> {
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate: ({ apiSchema }) => loaded(apiSchema),
      };
    },
  };
}

function closing(close: () => Promise<void>): ApolloServerPlugin<BaseContext> {
  return {
    async serverWillStart() {
      return { serverWillStop: close };
    },
  };
}
