// The whole-response cache: a query's answer is kept under its text (by hash), operation name and
// variables, with the data version (./data-version) it was read at, for as long as its cache policy
// allows, in memory or in Redis. It is served only while the version is still current: every seed
// and import moves the version on, so the next answer is fresh. Each answer says in the
// x-twingraph-cache header whether it came from the cache. Only anonymous readers share it: an
// answer to a signed-in account is neither kept nor served from it, nor one to a mutation, nor one
// with errors or a private scope; anonymous persisted GETs are cached as always.
//
// A miss costs next to nothing over no cache: a key absent from the store is a miss whatever the
// version, so no round of version reads runs for it; the answer is stored under the latest version
// reading (./response-cache-version), serialised once, after the response has gone out. Only a key
// that is present asks for a fresh version, to tell a hit from a stale entry.
import { createHash } from "node:crypto";
import type {
  ApolloServerPlugin,
  BaseContext,
  GraphQLRequestContext,
  GraphQLRequestContextWillSendResponse,
  GraphQLRequestListener,
  GraphQLResponse,
} from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import type { KeyValueCache } from "@apollo/utils.keyvaluecache";
import { logger } from "@twingraph/kit/http";
import type { GatewayContext } from "./context";
import type { DataVersion } from "./data-version";
import { VERSION_REFRESH_MS, VersionReadings } from "./response-cache-version";

export const CACHE_STATUS_HEADER = "x-twingraph-cache";

/** Where answers are kept in the store; the old format's entries ("fqc:") are never read. */
const KEY_PREFIX = "answer:";

/** A policy under which an answer may be cached: its max-age and scope. */
type CacheablePolicy = NonNullable<
  ReturnType<GraphQLRequestContext<BaseContext>["overallCachePolicy"]["policyIfCacheable"]>
>;

/** What a stored entry holds after its version's line. */
interface StoredAnswer {
  data: Record<string, unknown>;
  cachePolicy: CacheablePolicy;
  /** when it was stored, in epoch milliseconds: the Age header of a hit */
  cacheTime: number;
}

/** `versionRefreshMs`: how old the version reading that misses are stored under may grow (./response-cache-version). */
export function responseCache(
  dataVersion: DataVersion,
  cache: KeyValueCache<string>,
  versionRefreshMs = VERSION_REFRESH_MS,
): ApolloServerPlugin<BaseContext>[] {
  const versions = new VersionReadings(dataVersion, versionRefreshMs);
  return [
    {
      async requestDidStart(): Promise<GraphQLRequestListener<BaseContext>> {
        // where this request's answer is to be stored, and under which version (null: it is not)
        let destination: { key: string; version: string | null } | undefined;
        let age: number | undefined;
        return {
          async responseForOperation(context) {
            context.metrics.responseCacheHit = false;
            if (!isQuery(context) || signedIn(context)) return null;
            const key = answerKey(context);
            const entry = await cache.get(key).catch(() => undefined);
            if (entry === undefined) {
              destination = { key, version: await versions.forStoring() };
              return null;
            }
            const current = await versions.fresh();
            destination = { key, version: current };
            const stored = current === null ? undefined : storedAt(entry, current);
            if (!stored) return null;
            context.overallCachePolicy.replace(stored.cachePolicy);
            context.metrics.responseCacheHit = true;
            age = Math.round((Date.now() - stored.cacheTime) / 1000);
            return hitResponse(stored);
          },

          async willSendResponse(context) {
            if (!isQuery(context)) return;
            const { headers } = context.response.http;
            headers.set(CACHE_STATUS_HEADER, context.metrics.responseCacheHit ? "hit" : "miss");
            if (context.metrics.responseCacheHit) {
              if (age !== undefined) headers.set("age", String(age));
              return;
            }
            const { key, version } = destination ?? {};
            const answer = storable(context);
            if (key === undefined || version == null || !answer) return;
            // off the request path: the answer goes out first, then it is serialised once and stored
            setImmediate(() => store(cache, key, version, answer));
          },
        };
      },
    },
  ];
}

function isQuery(context: GraphQLRequestContext<BaseContext>): boolean {
  return context.operation?.operation === "query";
}

function signedIn(context: GraphQLRequestContext<BaseContext>): boolean {
  return (context.contextValue as Partial<GatewayContext>).viewer !== undefined;
}

/**
 * The operation's text by the hash Apollo has already taken, its name and its variables: a POST with
 * the text and a GET by hash are one entry. Hashed, so that long variables make no long keys.
 */
function answerKey(context: GraphQLRequestContext<BaseContext>): string {
  const hash = createHash("sha256")
    .update(context.queryHash ?? "")
    .update("\n")
    .update(context.operationName ?? "")
    .update("\n")
    .update(JSON.stringify(context.request.variables ?? {}))
    .digest("base64url");
  return KEY_PREFIX + hash;
}

/** What of the answer may be kept: public data without errors, under a policy that lets it be cached. */
function storable(context: GraphQLRequestContextWillSendResponse<BaseContext>): StoredAnswer | undefined {
  const { body } = context.response;
  if (body.kind !== "single") return undefined;
  const { data, errors } = body.singleResult;
  const cachePolicy = context.overallCachePolicy.policyIfCacheable();
  if (errors || !data || !cachePolicy || cachePolicy.scope === "PRIVATE") return undefined;
  return { data, cachePolicy, cacheTime: Date.now() };
}

/** Serialises and stores; a store that fails costs the entry, never the answer, which has gone out. */
function store(cache: KeyValueCache<string>, key: string, version: string, answer: StoredAnswer): void {
  const warn = (error: unknown) =>
    logger.warn({ err: error }, "response cache: an answer could not be stored");
  try {
    cache.set(key, `${version}\n${JSON.stringify(answer)}`, { ttl: answer.cachePolicy.maxAge }).catch(warn);
  } catch (error) {
    warn(error);
  }
}

/** The stored answer when the entry was stored under `version`; the version is its first line. */
function storedAt(entry: string, version: string): StoredAnswer | undefined {
  const newline = entry.indexOf("\n");
  if (newline !== version.length || !entry.startsWith(version)) return undefined;
  return JSON.parse(entry.slice(newline + 1)) as StoredAnswer;
}

function hitResponse(stored: StoredAnswer): GraphQLResponse {
  return {
    body: { kind: "single", singleResult: { data: stored.data } },
    http: { status: undefined, headers: new HeaderMap() },
  };
}
