// Subgraphs served inside the calling process, for tests, benchmarks and the export CLI: the gateway
// takes them as data sources and reaches them without sockets, as it would reach them over HTTP.
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { ApolloServer } from "@apollo/server";
import { type GatewayContext, narrowCachePolicy } from "@twingraph/gateway";
import {
  createContext,
  createSubgraphServer,
  type LoadedSubgraph,
  type SubgraphContext,
} from "@twingraph/kit/subgraph";
import type { GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource["process"]>>;

/**
 * Runs a subgraph's Apollo server in this process: each gateway request gets its own subgraph
 * context, so loaders batch within a request and never leak across requests, carrying the request's
 * account as the signed headers carry it to a remote subgraph; and each answer's cache policy
 * narrows the request's, as a Cache-Control header from a remote subgraph does.
 */
export class InProcessDataSource implements GraphQLDataSource {
  private readonly contexts = new WeakMap<object, SubgraphContext>();
  private readonly server: ApolloServer<SubgraphContext>;
  private started?: Promise<void>;

  constructor(
    schema: GraphQLSchema,
    private readonly db: DataSource,
  ) {
    this.server = createSubgraphServer(schema);
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
    narrowCachePolicy(options, response.http.headers.get("cache-control"));
    return response.body.singleResult as GatewayGraphQLResponse;
  }

  private contextFor(gatewayContext: Partial<GatewayContext>): SubgraphContext {
    let context = this.contexts.get(gatewayContext);
    if (!context) {
      context = createContext(this.db, undefined, gatewayContext.viewer);
      this.contexts.set(gatewayContext, context);
    }
    return context;
  }
}

/** Data sources for the gateway's `dataSources` option: each subgraph on its database, by name. */
export async function inProcessDataSources<Name extends string>(
  subgraphs: readonly Pick<LoadedSubgraph, "name" | "module">[],
  databases: Readonly<Record<Name, DataSource>>,
): Promise<Record<string, GraphQLDataSource>> {
  const entries = await Promise.all(
    subgraphs.map(async ({ name, module }) => {
      const db: DataSource | undefined = databases[name as Name];
      if (!db) throw new Error(`No database given for the ${name} subgraph`);
      return [name, new InProcessDataSource((await module.build()).schema, db)] as const;
    }),
  );
  return Object.fromEntries(entries);
}
