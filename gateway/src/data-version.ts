// The version of the graph's data, which the response cache stores its answers with and serves them
// only under: a write anywhere changes it, so the next answer after a write is fresh on every gateway. With REDIS_URL it is the
// Redis key every writer increments; without, the subgraphs' database revisions, each read from
// the subgraph's GET /revision, so the gateway needs neither a database nor a disk shared with them.
import { type openRedis, readRedisDataVersion } from "@twingraph/kit/http";
import { type ConstDirectiveNode, Kind, parse, type StringValueNode } from "graphql";
import { getSubgraphJson, type SubgraphClientSettings, subgraphClientSettings } from "./subgraph-client";

type Redis = ReturnType<typeof openRedis>;

export interface DataVersion {
  /** changes whenever the data does; null when it cannot be known (then nothing may be cached) */
  current(): Promise<string | null>;
  close(): Promise<void>;
}

/** The version in Redis; `owned`: close() disconnects the client (a client shared with a cache is closed by its owner). */
export class RedisDataVersion implements DataVersion {
  constructor(
    private readonly redis: Redis,
    private readonly owned = false,
  ) {}

  current(): Promise<string | null> {
    return readRedisDataVersion(this.redis);
  }

  async close(): Promise<void> {
    if (this.owned) this.redis.disconnect();
  }
}

/**
 * The subgraphs' revisions, fetched from their URLs and joined into one string. Requests that
 * arrive together share one reading, but never one that started before they arrived: such a
 * reading may predate a write that finished before the request, and would serve it an answer from
 * before the write. So a request that finds a reading in flight waits for it to end and then shares
 * the next one with everyone else who arrived meanwhile: at most one reading runs at a time, each
 * request costs at most two in latency, and no answer is ever served under a version older than it.
 */
export class SubgraphRevisions implements DataVersion {
  private running: Promise<string | null> | undefined;
  private next: Promise<string | null> | undefined;
  private latest: { startedAt: number; reading: Promise<string | null> } | undefined;
  private readonly subgraphs: RevisionSource[];

  /**
   * `urls`: each subgraph's GraphQL URL by name; its revision is at "revision" beside it, read with
   * the gateway's secret under the subgraph's timeout and circuit (./subgraph-client).
   * `maxAgeMs`: an operator's trade of freshness for throughput: a request may reuse a reading that
   * started at most this long ago, so an answer may be served under a version up to that much older
   * than the request; 0 (the default) never does.
   */
  constructor(
    urls: Readonly<Record<string, string>>,
    private readonly maxAgeMs = 0,
  ) {
    this.subgraphs = Object.keys(urls)
      .sort()
      .map((name) => ({
        name,
        url: urls[name],
        revisionUrl: revisionUrl(urls[name]),
        settings: subgraphClientSettings(name),
      }));
  }

  current(): Promise<string | null> {
    if (this.latest && performance.now() - this.latest.startedAt <= this.maxAgeMs) return this.latest.reading;
    if (this.next) return this.next;
    if (!this.running) return this.start();
    const afterRunning = () => {
      this.next = undefined;
      return this.start();
    };
    this.next = this.running.then(afterRunning, afterRunning);
    return this.next;
  }

  async close(): Promise<void> {}

  private start(): Promise<string | null> {
    const startedAt = performance.now();
    const reading = this.read().finally(() => {
      if (this.running === reading) this.running = undefined;
    });
    this.running = reading;
    if (this.maxAgeMs > 0) this.latest = { startedAt, reading };
    return reading;
  }

  private async read(): Promise<string | null> {
    const revisions = await Promise.all(this.subgraphs.map(fetchRevision));
    if (revisions.includes(null)) return null;
    return this.subgraphs.map(({ name }, index) => `${name}:${revisions[index]}`).join(",");
  }
}

/** A version that is never known: nothing is cached (a subgraph the gateway cannot ask). */
const UNKNOWN: DataVersion = { current: async () => null, close: async () => {} };

/** `http://host:4001/graphql` -> `http://host:4001/revision`, a path prefix kept. */
export function revisionUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/(\/graphql)?\/?$/, "/revision");
  url.search = "";
  return url.href;
}

/** A subgraph whose revision is read: its name, GraphQL URL, revision URL and client settings. */
interface RevisionSource {
  name: string;
  url: string;
  revisionUrl: string;
  settings: SubgraphClientSettings;
}

/** A subgraph's revision; null when it cannot be read, so that the answer comes uncached. */
async function fetchRevision(subgraph: RevisionSource): Promise<string | null> {
  const answer = await getSubgraphJson(subgraph.name, subgraph.url, subgraph.revisionUrl, subgraph.settings);
  const revision = (answer as { revision?: unknown } | null)?.revision;
  return typeof revision === "number" || typeof revision === "string" ? String(revision) : null;
}

/** A subgraph's URL: the caller's, else its <NAME>_URL variable, else the supergraph's. */
export function subgraphUrl<Url extends string | undefined>(
  name: string,
  supergraphUrl: Url,
  urls?: Readonly<Record<string, string>>,
): string | Url {
  return urls?.[name] ?? process.env[`${name.toUpperCase()}_URL`] ?? supergraphUrl;
}

/** Each subgraph's name and URL as the supergraph's join__Graph enum states them. */
export function supergraphUrls(supergraphSdl: string): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== "join__Graph") continue;
    for (const value of definition.values ?? []) {
      const graph = value.directives?.find((directive) => directive.name.value === "join__graph");
      const name = graph && stringArgument(graph, "name");
      const url = graph && stringArgument(graph, "url");
      if (name && url) urls[name] = url;
    }
  }
  return urls;
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((argument) => argument.name.value === name)?.value;
  return value?.kind === Kind.STRING ? (value as StringValueNode).value : undefined;
}

export interface DataVersionOptions {
  supergraphSdl: string;
  /** subgraph URLs by name, over the supergraph's and the <NAME>_URL variables */
  urls?: Readonly<Record<string, string>>;
  /** subgraphs reached otherwise than over HTTP: their revisions cannot be fetched */
  inProcess?: readonly string[];
  /** the gateway's Redis (REDIS_URL), whose key writers increment */
  redis?: Redis;
  /** how old a reading of the revisions may be when a request reuses it (DATA_VERSION_MAX_AGE_MS) */
  maxAgeMs?: number;
}

/** Redis's version when the gateway has Redis, else the subgraphs' revisions over HTTP. */
export function gatewayDataVersion(options: DataVersionOptions): DataVersion {
  if (options.redis) return new RedisDataVersion(options.redis);
  if (options.inProcess && options.inProcess.length > 0) return UNKNOWN;
  const urls = Object.entries(supergraphUrls(options.supergraphSdl)).map(
    ([name, url]) => [name, subgraphUrl(name, url, options.urls)] as const,
  );
  return new SubgraphRevisions(Object.fromEntries(urls), options.maxAgeMs);
}
