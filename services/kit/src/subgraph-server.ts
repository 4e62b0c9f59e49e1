// Everything a subgraph needs to answer requests: its Apollo server over a schema, and a per-request
// context holding the data source and that request's loaders.
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControl } from "@apollo/server/plugin/cacheControl";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { type ExecutionResult, type GraphQLSchema, graphql } from "graphql";
import type { DataSource } from "typeorm";
import { readRevision } from "./data-revision";
import { Loaders } from "./loaders";
import { type Route, type RunningServer, sendJson, serve } from "./serve";

export interface SubgraphContext {
  db: DataSource;
  loaders: Loaders;
}

export function createContext(db: DataSource): SubgraphContext {
  return { db, loaders: new Loaders() };
}

export type Executor = (source: string, variableValues?: Record<string, unknown>) => Promise<ExecutionResult>;

/** Runs operations on a subgraph's schema in this process, each as its own request with fresh loaders. */
export function localExecutor(schema: GraphQLSchema, db: DataSource): Executor {
  return (source, variableValues) =>
    graphql({ schema, source, variableValues, contextValue: createContext(db) });
}

/**
 * How long any answer may be reused, in seconds. The data changes only when it is seeded or
 * imported, so every field is public and cacheable for this long; the gateway's own cache is
 * invalidated at once by an import, and browsers revalidate with the ETag after it.
 */
export const DATA_MAX_AGE_SECONDS = 300;

/** `embedded`: run inside another server's process, which owns shutdown on signals */
export function createSubgraphServer(
  schema: GraphQLSchema,
  options: { embedded?: boolean } = {},
): ApolloServer<SubgraphContext> {
  return new ApolloServer<SubgraphContext>({
    schema,
    introspection: true,
    stopOnTerminationSignals: options.embedded ? false : undefined,
    plugins: [
      // no Apollo usage reporting here, so the per-request inline trace would be computed for nobody
      ApolloServerPluginInlineTraceDisabled(),
      // the Cache-Control header of each answer, which the gateway combines over the query plan
      ApolloServerPluginCacheControl({ defaultMaxAge: DATA_MAX_AGE_SECONDS }),
    ],
  });
}

export async function listenSubgraph(
  name: string,
  schema: GraphQLSchema,
  db: DataSource,
  port: number,
  host?: string,
): Promise<RunningServer> {
  const running = await serve(createSubgraphServer(schema), {
    port,
    host,
    context: async () => createContext(db),
    routes: { [REVISION_PATH]: revisionRoute(db) },
  });
  if (port !== 0) console.log(`${name} subgraph ready at ${running.url}`);
  return running;
}

/** Where a subgraph answers its database's revision, beside its /graphql: what gateways key cached answers by. */
export const REVISION_PATH = "/revision";

/** `{ "revision": 12 }`, read per request (one primary-key read), never cached; 503 when the database is away. */
function revisionRoute(db: DataSource): Route {
  return async (_request, response) => {
    response.setHeader("cache-control", "no-store");
    try {
      sendJson(response, 200, { revision: await readRevision(db.manager) });
    } catch (error) {
      sendJson(response, 503, { error: `The database cannot be read: ${(error as Error).message}` });
    }
  };
}
