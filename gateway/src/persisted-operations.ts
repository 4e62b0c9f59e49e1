// Persisted operations: the widget's own and those of any manifest a front-end team hands over.
// They are known by the sha256 of their text, so a client may send just the hash (automatic
// persisted queries, also over GET for browser and CDN caches). In safelist mode (SAFELIST=1) they
// are the only operations the gateway runs.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { KeyValueCache, KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";
import { HttpError } from "@twingraph/kit/http";
import { type PersistedOperation, sha256Hex, WIDGET_OPERATIONS } from "@twingraph/widget";
import { GraphQLError } from "graphql";
import type { GatewayContext } from "./context";

export interface ManifestOperation extends PersistedOperation {
  /** sha256 of the body, hex: the id clients send as `extensions.persistedQuery.sha256Hash` */
  id: string;
  type: "query" | "mutation" | "subscription";
}

/** Apollo's persisted query manifest, which Apollo Router and Apollo Client's tools read too. */
export interface PersistedQueryManifest {
  format: "apollo-persisted-query-manifest";
  version: 1;
  operations: ManifestOperation[];
}

/** the id clients send for an operation: the sha256 of its text, hex, as the widget's build computes it */
export function operationId(body: string): string {
  return sha256Hex(body);
}

export function manifestOf(operations: readonly PersistedOperation[]): PersistedQueryManifest {
  return {
    format: "apollo-persisted-query-manifest",
    version: 1,
    operations: operations.map((operation) => ({
      ...operation,
      id: operationId(operation.body),
      type: "query",
    })),
  };
}

export const WIDGET_MANIFEST = manifestOf(WIDGET_OPERATIONS);

/**
 * Reads a manifest in Apollo's format or in GraphQL Code Generator's persisted-documents format
 * (`{ "<sha256>": "<document>" }`, the hash with or without a "sha256:" prefix). An id that is not the sha256 of its body is refused: clients
 * compute the hash from the text, so such an entry could never be asked for.
 */
export function readManifestFile(file: string): Map<string, string> {
  const name = path.basename(file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`Persisted operations file ${file}: ${(error as Error).message}`);
  }
  const entries = isApolloManifest(parsed)
    ? parsed.operations.map((operation) => [operation.id, operation.body] as const)
    : isDocumentMap(parsed)
      ? Object.entries(parsed)
      : undefined;
  if (!entries) {
    throw new Error(
      `Persisted operations file ${name} is neither an Apollo persisted query manifest nor a ` +
        `{ "<sha256>": "<document>" } map.`,
    );
  }
  const operations = new Map<string, string>();
  for (const [listedId, body] of entries) {
    // the client preset writes "sha256:<hex>" unless told otherwise; clients send the hex alone
    const id = listedId.replace(/^sha256:/, "");
    if (operationId(body) !== id)
      throw new Error(`Persisted operations file ${name}: ${id} is not the sha256 of its document.`);
    operations.set(id, body);
  }
  return operations;
}

function isApolloManifest(value: unknown): value is PersistedQueryManifest {
  const manifest = value as PersistedQueryManifest;
  return manifest?.format === "apollo-persisted-query-manifest" && Array.isArray(manifest.operations);
}

function isDocumentMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((body) => typeof body === "string")
  );
}

/** The widget's operations and those of every file, by id. */
export function persistedOperations(files: readonly string[] = []): Map<string, string> {
  const operations = new Map(WIDGET_MANIFEST.operations.map((operation) => [operation.id, operation.body]));
  for (const file of files) for (const [id, body] of readManifestFile(file)) operations.set(id, body);
  return operations;
}

/**
 * Apollo Server's store of persisted queries: the listed operations are always there, so a GET with
 * only a hash works from the first request; other registrations go to the cache behind, except in
 * safelist mode, where nothing new is registered.
 */
export class PersistedOperationStore implements KeyValueCache<string> {
  constructor(
    private readonly operations: ReadonlyMap<string, string>,
    private readonly registrations: KeyValueCache<string> | null,
  ) {}

  async get(key: string): Promise<string | undefined> {
    // Apollo prefixes the hash ("apq:<hash>"); a hex hash holds no colon
    const listed = this.operations.get(key.slice(key.lastIndexOf(":") + 1));
    return listed ?? this.registrations?.get(key);
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    await this.registrations?.set(key, value, options);
  }

  async delete(key: string): Promise<boolean> {
    return (await this.registrations?.delete(key)) === true;
  }
}

/**
 * Registrations a client (its API key, else its address) may make per minute
 * (APQ_REGISTRATIONS_PER_MINUTE), as a token bucket that refills over the minute; operations past
 * it run, but their texts are not kept, so the client sends the text again next time, as automatic
 * persisted queries provide for.
 */
export function registrationLimitPlugin(perMinute: number): ApolloServerPlugin<BaseContext> {
  const buckets = new RegistrationBuckets(perMinute);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ metrics, contextValue }) {
          if (!metrics.persistedQueryRegister) return;
          const client = clientKey(contextValue);
          // operations run in process have no client
          if (client !== undefined && !buckets.take(client, Date.now()))
            metrics.persistedQueryRegister = false;
        },
      };
    },
  };
}

class RegistrationBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  /** the map is swept of full (idle) buckets whenever it grows past this */
  private sweepAt = 10_000;

  constructor(private readonly perMinute: number) {}

  take(client: string, now: number): boolean {
    const bucket = this.refilled(this.buckets.get(client), now);
    this.buckets.set(client, bucket);
    if (this.buckets.size > this.sweepAt) this.sweep(now);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private refilled(bucket: { tokens: number; at: number } | undefined, now: number) {
    if (!bucket) return { tokens: this.perMinute, at: now };
    const tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    return { tokens, at: now };
  }

  private sweep(now: number): void {
    for (const [client, bucket] of this.buckets)
      if (this.refilled(bucket, now).tokens >= this.perMinute) this.buckets.delete(client);
    this.sweepAt = Math.max(10_000, 2 * this.buckets.size);
  }
}

function clientKey(context: BaseContext): string | undefined {
  const { apiKey, clientIp } = context as Partial<GatewayContext>;
  return apiKey !== undefined ? `key:${apiKey}` : clientIp;
}

export const NOT_IN_SAFELIST = "PERSISTED_QUERY_NOT_IN_SAFELIST";
export const HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH";

/** how clients write a sha256: the hex of its 32 bytes, lowercase, as Apollo Client and the widget send it */
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Refuses an automatic persisted query extension that could never be served: one Apollo answers with
 * a 400 without a code, or that its cache would be asked for in vain. A registration whose hash is not
 * its text's is the client's mistake (it hashed another text, or another encoding of it), named so.
 */
export function checkPersistedQuery(extensions: unknown, query: unknown): void {
  if (!isRecord(extensions)) return;
  const { persistedQuery } = extensions;
  // Apollo reads a null extension as none
  if (persistedQuery === undefined || persistedQuery === null) return;
  if (!isRecord(persistedQuery))
    throw malformedPersistedQuery("extensions.persistedQuery must be an object { version: 1, sha256Hash }.");
  if (persistedQuery.version !== 1)
    throw malformedPersistedQuery("extensions.persistedQuery.version must be 1, the only version there is.");
  const hash = persistedQuery.sha256Hash;
  if (typeof hash !== "string")
    throw malformedPersistedQuery("extensions.persistedQuery.sha256Hash must be a string.");
  if (typeof query === "string") {
    if (operationId(query) !== hash)
      throw new HttpError(
        400,
        HASH_MISMATCH,
        "extensions.persistedQuery.sha256Hash is not the sha256 of the query (the hex of its UTF-8 " +
          "bytes, exactly as sent): the operation was neither registered nor run.",
      );
  } else if (!SHA256_HEX.test(hash)) {
    throw malformedPersistedQuery(
      "extensions.persistedQuery.sha256Hash must be a sha256: 64 lowercase hex digits.",
    );
  }
}

function malformedPersistedQuery(message: string): HttpError {
  return new HttpError(400, "BAD_REQUEST", message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Why a document that is not a persisted operation's is refused in safelist mode. */
export function safelistRefusal(operationName: string | undefined): string {
  const name = operationName ? `Operation ${operationName}` : "This operation";
  return (
    `${name} is not in the safelist: this gateway runs only persisted operations (SAFELIST=1). ` +
    "Send a listed operation by its sha256 hash (extensions.persistedQuery), or have the " +
    "operation added to a manifest in PERSISTED_OPERATIONS."
  );
}

/**
 * Safelist mode for operations that reach Apollo without the request guard (the gateway's own, run
 * in process): an operation whose text is not a persisted operation's is refused, saying why.
 */
export function safelistPlugin(operations: ReadonlyMap<string, string>): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash, operationName }) {
          if (operations.has(queryHash)) return;
          throw new GraphQLError(safelistRefusal(operationName ?? undefined), {
            extensions: { code: NOT_IN_SAFELIST, http: { status: 403 } },
          });
        },
      };
    },
  };
}
