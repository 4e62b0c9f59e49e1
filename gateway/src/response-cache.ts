// The whole-response cache: a query's answer is kept under its text, operation name, variables and
// the data version (./data-version), for as long as its cache policy allows, in memory or in Redis.
// Every seed and import moves the version on, so the next answer is fresh; each answer says in the
// x-twingraph-cache header whether it came from the cache. Only anonymous readers share it: an
// answer to a signed-in account is neither kept nor served from it (nor, by Apollo's plugin, one to a
// mutation), while anonymous persisted GETs are cached as always.
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from "@apollo/server";
import responseCachePlugin from "@apollo/server-plugin-response-cache";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { GatewayContext } from "./context";
import type { DataVersion } from "./data-version";

export const CACHE_STATUS_HEADER = "x-twingraph-cache";

export function responseCache(
  dataVersion: DataVersion,
  cache: KeyValueCache<string> | undefined,
): ApolloServerPlugin<BaseContext>[] {
  const versions = new WeakMap<object, string | null>();
  // a signed-in account's request reads no version: it will not use the cache
  const versionOf = async (context: GraphQLRequestContext<BaseContext>) => {
    const version = signedIn(context) ? null : await dataVersion.current();
    versions.set(context.request, version);
    return version;
  };
  // an unknown version (Redis or a subgraph away) could serve an answer from before an import: no cache then
  const shared = async (context: GraphQLRequestContext<BaseContext>) =>
    !signedIn(context) &&
    (versions.has(context.request) ? versions.get(context.request) : await dataVersion.current()) !== null;
  return [
    responseCachePlugin({
      cache,
      extraCacheKeyData: versionOf,
      shouldReadFromCache: shared,
      shouldWriteToCache: shared,
    }),
    cacheStatusPlugin(),
  ];
}

function signedIn(context: GraphQLRequestContext<BaseContext>): boolean {
  return (context.contextValue as Partial<GatewayContext>).viewer !== undefined;
}

function cacheStatusPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, metrics, operation }) {
          if (operation?.operation !== "query") return;
          response.http.headers.set(CACHE_STATUS_HEADER, metrics.responseCacheHit ? "hit" : "miss");
        },
      };
    },
  };
}
