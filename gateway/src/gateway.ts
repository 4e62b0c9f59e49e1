// The Apollo gateway over the checked-in supergraph, with subgraphs reached over HTTP or, for tests
// and benchmarks, in this process.
import {
  ApolloGateway,
  type GraphQLDataSource,
  LocalGraphQLDataSource,
  RemoteGraphQLDataSource,
} from "@apollo/gateway";
import { ApolloServer, type BaseContext } from "@apollo/server";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { createContext, type SubgraphContext } from "@twingraph/kit";
import type { GraphQLSchema } from "graphql";
import type { DataSource } from "typeorm";

/** A subgraph served in this process: its schema and its open database. */
export interface LocalSubgraph {
  schema: GraphQLSchema;
  db: DataSource;
}

/**
 * Runs a subgraph's schema in this process. Each gateway request gets its own subgraph context, so
 * loaders batch within a request and never leak across requests.
 */
class InProcessDataSource extends LocalGraphQLDataSource {
  private readonly contexts = new WeakMap<object, SubgraphContext>();

  constructor(
    schema: GraphQLSchema,
    private readonly db: DataSource,
  ) {
    super(schema);
  }

  override process(options: Parameters<LocalGraphQLDataSource["process"]>[0]) {
    const gatewayContext = options.context as object;
    let context = this.contexts.get(gatewayContext);
    if (!context) {
      context = createContext(this.db);
      this.contexts.set(gatewayContext, context);
    }
    return super.process({ ...options, context: context as never });
  }
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** subgraphs to run in this process, by name; the others are reached over HTTP */
  local?: Record<string, LocalSubgraph>;
  /** subgraph URLs by name, over the supergraph's own and the CITIES_URL-style variables */
  urls?: Record<string, string>;
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

export function createGatewayServer(options: GatewayOptions): ApolloServer<BaseContext> {
  // the gateway's own page at "/" replaces Apollo's landing page, which needs a CDN
  return new ApolloServer({
    gateway: createGateway(options),
    introspection: true,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
}
