// Everything a subgraph needs to answer requests: its Apollo server over a schema, and a per-request
// context holding the data source and that request's loaders.
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControl } from "@apollo/server/plugin/cacheControl";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { type ExecutionResult, type GraphQLSchema, graphql } from "graphql";
import type { DataSource } from "typeorm";
import { readRevision } from "./data-revision";
import type { EditRegistry } from "./editing/editable";
import { changeRoutes } from "./editing/routes";
import { type HttpLimits, httpLimitsFromEnv } from "./http-limits";
import { type JsonStep, jsonStepRoutes } from "./json-steps";
import { Loaders } from "./loaders";
import { logger } from "./logger";
import { checkGatewaySecret } from "./secret";
import { HttpError, type Route, type RunningServer, sendError, sendJson, serve } from "./serve";
import { readViewer, type Viewer } from "./viewer";

export { idListField, type JsonStep, stepFields } from "./json-steps";

export interface SubgraphContext {
  db: DataSource;
  loaders: Loaders;
  /** aborted when the caller (the gateway) goes away before the answer is sent: long work may stop */
  signal: AbortSignal;
  /** the signed-in account the gateway vouches for; null for an anonymous reader */
  viewer: Viewer | null;
}

/** The signal of a request nobody can abandon: one run in process, to its end. */
const NEVER_ABORTED = new AbortController().signal;

export function createContext(
  db: DataSource,
  signal: AbortSignal = NEVER_ABORTED,
  viewer: Viewer | null = null,
): SubgraphContext {
  return { db, loaders: new Loaders(), signal, viewer };
}

export type Executor = (source: string, variableValues?: Record<string, unknown>) => Promise<ExecutionResult>;

/** Runs operations on a subgraph's schema in this process, each as its own request with fresh loaders. */
export function localExecutor(schema: GraphQLSchema, db: DataSource, viewer: Viewer | null = null): Executor {
  return (source, variableValues) =>
    graphql({ schema, source, variableValues, contextValue: createContext(db, undefined, viewer) });
}

/**
 * How long any answer may be reused, in seconds. The data changes only when it is seeded, imported
 * or a changeset is applied, each of which moves the data version, so the gateway's own cache is
 * invalidated at once and browsers revalidate with the ETag after it. Answers to a signed-in viewer
 * are never cached by the gateway.
 */
export const DATA_MAX_AGE_SECONDS = 300;

/** Signals are not Apollo's to handle: a subgraph process drains on them (shutdownOnSignals). */
export function createSubgraphServer(schema: GraphQLSchema): ApolloServer<SubgraphContext> {
  return new ApolloServer<SubgraphContext>({
    schema,
    introspection: true,
    stopOnTerminationSignals: false,
    plugins: [
      // no Apollo usage reporting here, so the per-request inline trace would be computed for nobody
      ApolloServerPluginInlineTraceDisabled(),
      // the Cache-Control header of each answer, which the gateway combines over the query plan
      ApolloServerPluginCacheControl({ defaultMaxAge: DATA_MAX_AGE_SECONDS }),
    ],
  });
}

export interface ListenSubgraphOptions {
  port: number;
  /** default 127.0.0.1, so only this machine reaches it; HOST=0.0.0.0 (or an address) opens it further */
  host?: string;
  /** the gateway's shared secret (GATEWAY_SECRET), which every route but /health, /ready and /metrics requires */
  secret: string;
  limits?: Partial<HttpLimits>;
  /** the subgraph's editable entities: when given, it serves the apply protocol's routes (CHANGE_PATHS) */
  editing?: EditRegistry;
  /**
   * internal steps by path that the changes coordinator takes besides the apply protocol (the
   * partnership distances: DISTANCE_PATHS), each served by the subgraph that owns the data
   */
  routes?: Readonly<Record<string, JsonStep>>;
}

/**
 * Serves a subgraph to its gateway alone: on loopback by default, and only to callers with the
 * secret. The viewer the gateway signed for comes with each request; a signature that does not
 * match is refused with 401 before the body is read.
 */
export async function listenSubgraph(
  name: string,
  schema: GraphQLSchema,
  db: DataSource,
  options: ListenSubgraphOptions,
): Promise<RunningServer> {
  const { secret } = options;
  if (!secret) throw new Error(`The ${name} subgraph needs the gateway's shared secret (GATEWAY_SECRET).`);
  const limits = { ...httpLimitsFromEnv(), ...options.limits };
  const running = await serve(createSubgraphServer(schema), {
    port: options.port,
    host: options.host ?? "127.0.0.1",
    service: name,
    context: async (request, signal) => createContext(db, signal, readViewer(request.headers, secret)),
    guard: (request) => {
      checkGatewaySecret(request, secret);
      readViewer(request.headers, secret);
    },
    ready: async () => {
      await readRevision(db.manager);
      return true;
    },
    routes: {
      [REVISION_PATH]: revisionRoute(name, db),
      ...(options.editing && changeRoutes(name, db, options.editing, limits)),
      ...(options.routes && jsonStepRoutes(name, options.routes, limits)),
    },
    limits: options.limits,
  });
  if (options.port !== 0) console.log(`${name} subgraph ready at ${running.url}`);
  return running;
}

/** Where a subgraph answers its database's revision, beside its /graphql: what gateways key cached answers by. */
export const REVISION_PATH = "/revision";

/** `{ "revision": 12 }`, read per request (one primary-key read), never cached; 503 when the database is away. */
function revisionRoute(name: string, db: DataSource): Route {
  return async (_request, response) => {
    response.setHeader("cache-control", "no-store");
    try {
      sendJson(response, 200, { revision: await readRevision(db.manager) });
    } catch (error) {
      logger.warn({ service: name, err: error }, "the database cannot be read");
      sendError(
        response,
        new HttpError(503, "DATABASE_UNAVAILABLE", "The subgraph's database cannot be read."),
      );
    }
  };
}
