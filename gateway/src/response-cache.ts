// The whole-response cache: a query's answer is kept under its text, operation name, variables and
// the data version (./data-version), for as long as its cache policy allows, in memory or in Redis.
// Every seed and import moves the version on, so the next answer is fresh; each answer says in the
// x-twingraph-cache header whether it came from the cache.
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from "@apollo/server";
import responseCachePlugin from "@apollo/server-plugin-response-cache";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import type { DataVersion } from "./data-version";

export const CACHE_STATUS_HEADER = "x-twingraph-cache";

export function responseCache(
  dataVersion: DataVersion,
  cache: KeyValueCache<string> | undefined,
): ApolloServerPlugin<BaseContext>[] {
  const versions = new WeakMap<object, string | null>();
  const versionOf = async (context: GraphQLRequestContext<BaseContext>) => {
    const version = await dataVersion.current();
    versions.set(context.request, version);
    return version;
  };
  // an unknown version (Redis or a subgraph away) could serve an answer from before an import: no cache then
  const versionKnown = async (context: GraphQLRequestContext<BaseContext>) =>
    (versions.has(context.request) ? versions.get(context.request) : await dataVersion.current()) !== null;
  return [
    responseCachePlugin({
      cache,
      extraCacheKeyData: versionOf,
      shouldReadFromCache: versionKnown,
      shouldWriteToCache: versionKnown,
    }),
    cacheStatusPlugin(),
  ];
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
