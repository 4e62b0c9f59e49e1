// How the gateway calls its subgraphs over HTTP: with the shared secret, the request's id and its
// account (in headers signed with that secret), under a per-subgraph timeout and circuit breaker, and
// with failures answered as coded errors that name the subgraph and nothing internal, on the paths of
// the fields they leave null, so an answer keeps the other subgraphs' data. Fetches go over pooled
// keep-alive connections (./subgraph-http), and a query identical to one in flight shares its answer
// (./subgraph-dedupe).
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import {
  counter,
  GATEWAY_SECRET_HEADER,
  gatewaySecretFromEnv,
  histogram,
  logger,
  REQUEST_ID_HEADER,
  type Viewer,
  viewerHeaders,
} from "@twingraph/kit/http";
import { positiveIntegerFromEnv } from "@twingraph/kit/settings";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { GatewayContext } from "./context";
import { type CircuitBreaker, type CircuitSettings, circuitFor } from "./subgraph-circuit";
import { dedupeFromEnv, InFlight, OwnCopies } from "./subgraph-dedupe";
import { errorsOnNulledFields } from "./subgraph-error-paths";
import { exchange, type SubgraphReply, type SubgraphTarget, subgraphTarget } from "./subgraph-http";

export const SUBGRAPH_UNAVAILABLE = "SUBGRAPH_UNAVAILABLE";
export const SUBGRAPH_TIMEOUT = "SUBGRAPH_TIMEOUT";
type FailureCode = typeof SUBGRAPH_UNAVAILABLE | typeof SUBGRAPH_TIMEOUT;

const DEFAULT_TIMEOUT_MS = 5_000;
/** Three misses open the circuit; a probe a second later finds a restarted subgraph well within 5 s. */
const DEFAULT_CIRCUIT: CircuitSettings = { failures: 3, retryMs: 1_000 };

export interface SubgraphClientSettings extends CircuitSettings {
  /** sent in GATEWAY_SECRET_HEADER; none when unset (the subgraphs then refuse) */
  secret?: string;
  /** how long a fetch, answer included, may take before it is abandoned */
  timeoutMs: number;
  /** whether a query identical to one in flight waits for that one's answer instead of being sent */
  dedupe: boolean;
}

/**
 * A subgraph's settings from the environment: GATEWAY_SECRET (or GATEWAY_SECRET_FILE); <NAME>_TIMEOUT_MS, else
 * SUBGRAPH_TIMEOUT_MS (default 5,000); SUBGRAPH_CIRCUIT_FAILURES (default 3) and
 * SUBGRAPH_CIRCUIT_RETRY_MS (default 1,000); SUBGRAPH_DEDUPE (default 1, on).
 */
export function subgraphClientSettings(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): SubgraphClientSettings {
  return {
    secret: gatewaySecretFromEnv(env),
    timeoutMs: positiveIntegerFromEnv(
      env,
      `${name.toUpperCase()}_TIMEOUT_MS`,
      positiveIntegerFromEnv(env, "SUBGRAPH_TIMEOUT_MS", DEFAULT_TIMEOUT_MS),
    ),
    failures: positiveIntegerFromEnv(env, "SUBGRAPH_CIRCUIT_FAILURES", DEFAULT_CIRCUIT.failures),
    retryMs: positiveIntegerFromEnv(env, "SUBGRAPH_CIRCUIT_RETRY_MS", DEFAULT_CIRCUIT.retryMs),
    dedupe: dedupeFromEnv(env),
  };
}

const fetchDuration = histogram(
  "twingraph_subgraph_fetch_duration_seconds",
  "Time from sending a fetch to a subgraph to its answer or failure, by outcome (answered, unavailable, timeout)",
  ["subgraph", "outcome"],
);
const fetchErrors = counter(
  "twingraph_subgraph_fetch_errors_total",
  "Subgraph fetches that failed, circuit refusals included, by the code of the error answered",
  ["subgraph", "code"],
);
const sharedFetches = counter(
  "twingraph_subgraph_fetches_shared_total",
  "Subgraph queries not sent because an identical one was in flight, whose answer they shared",
  ["subgraph"],
);

/** The error an answer carries for a subgraph it could not reach: coded, named, nothing internal. */
export function subgraphError(subgraph: string, code: FailureCode, timeoutMs?: number): GraphQLError {
  const message =
    code === SUBGRAPH_TIMEOUT
      ? `The ${subgraph} subgraph did not answer within ${timeoutMs} ms; its fields are null.`
      : `The ${subgraph} subgraph is unavailable; its fields are null.`;
  return new GraphQLError(message, { extensions: { code, subgraph } });
}

type ProcessOptions = GraphQLDataSourceProcessOptions<Partial<GatewayContext>>;
type ProcessResult = Awaited<ReturnType<GraphQLDataSource["process"]>>;

/** What one fetch came to, shared by every identical fetch that waited for it. */
type Outcome =
  /** a 2xx JSON answer, and its Cache-Control */
  | { answer: OwnCopies; cacheControl: string | undefined }
  /** a request the subgraph refused with errors for the client (4xx) */
  | { refusal: OwnCopies }
  /** no usable answer: the coded error for the fields left null */
  | { failure: GraphQLError };

/** The subgraph's own GraphQL errors for a request it refused (4xx), which the client should see. */
function clientErrorsOf(status: number, answer: unknown): GraphQLFormattedError[] | undefined {
  // 401 and 403 refuse the gateway (its secret), not the client's request
  if (status < 400 || status >= 500 || status === 401 || status === 403) return undefined;
  const errors = (answer as { errors?: unknown })?.errors;
  return Array.isArray(errors) && errors.length > 0 ? errors : undefined;
}

/** An answer's JSON when it says it is JSON and parses; else undefined. */
function jsonOf(reply: SubgraphReply): unknown {
  const type = reply.contentType;
  if (!type?.startsWith("application/json") && !type?.startsWith("application/graphql-response+json"))
    return undefined;
  try {
    return JSON.parse(reply.body);
  } catch {
    return undefined;
  }
}

/** What a failed fetch's log line says of the cause: an errno-style code, never a URL. */
function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string") return code;
  return error instanceof Error ? error.name : "unknown";
}

function isTimeout(error: unknown): boolean {
  return (error as Error)?.name === "TimeoutError";
}

/**
 * A fetch that only reads: a query within an operation that is one, since the fetches that follow a
 * mutation's root must see its writes and may not take an answer read before them.
 */
function readsOnly(options: ProcessOptions): boolean {
  if ("incomingRequestContext" in options && options.incomingRequestContext.operation?.operation !== "query")
    return false;
  return /^\s*(query\b|\{)/.test(options.request.query ?? "");
}

type CacheHint = Readonly<{ maxAge: number; scope?: "PUBLIC" | "PRIVATE" }>;

/**
 * The hint a subgraph's Cache-Control gives the request's overall cache policy, read as
 * @apollo/gateway's RemoteGraphQLDataSource reads it: its max-age (0 without one), and its scope.
 */
function cacheHintOf(cacheControl: string | undefined): CacheHint {
  const hint: { maxAge: number; scope?: "PUBLIC" | "PRIVATE" } = { maxAge: 0 };
  if (!cacheControl) return hint;
  for (const directive of cacheControl.split(",")) {
    const [name = "", value] = directive.trim().split(/\s*=\s*/, 2);
    if (name === "max-age" && value !== undefined) {
      const maxAge = value.replace(/^"|"$/g, "");
      if (/^[0-9]+$/.test(maxAge)) hint.maxAge = Number(maxAge);
    } else if (name === "private" && value === undefined && hint.scope === undefined) hint.scope = "PRIVATE";
    else if (name === "public" && value === undefined) hint.scope = "PUBLIC";
  }
  return hint;
}

/** Hints by Cache-Control value: subgraphs send a handful of distinct ones, read once each. */
const cacheHints = new Map<string | undefined, CacheHint>();
const MAX_CACHE_HINTS = 256;

function cachedHintOf(cacheControl: string | undefined): CacheHint {
  let hint = cacheHints.get(cacheControl);
  if (!hint) {
    if (cacheHints.size >= MAX_CACHE_HINTS) cacheHints.clear();
    hint = cacheHintOf(cacheControl);
    cacheHints.set(cacheControl, hint);
  }
  return hint;
}

/** A subgraph's answer narrows the cache policy of the request it serves: its fields are cached no longer. */
export function narrowCachePolicy(options: ProcessOptions, cacheControl: string | undefined): void {
  if (!("incomingRequestContext" in options)) return;
  const policy = options.incomingRequestContext.overallCachePolicy;
  if (policy && "restrict" in policy) policy.restrict(cachedHintOf(cacheControl));
}

/** The gateway's data source for one subgraph over HTTP. */
export class SubgraphDataSource implements GraphQLDataSource<Partial<GatewayContext>> {
  private readonly circuit: CircuitBreaker;
  private readonly target: SubgraphTarget;
  private readonly inFlight = new InFlight<Outcome>();
  /** each account's signed headers, made once per request rather than once per fetch */
  private readonly accounts = new WeakMap<Viewer, Record<string, string>>();

  constructor(
    readonly subgraph: string,
    url: string | undefined,
    private readonly settings: SubgraphClientSettings = subgraphClientSettings(subgraph),
  ) {
    if (!url)
      throw new Error(
        `The supergraph names no URL for the ${subgraph} subgraph: set ${subgraph.toUpperCase()}_URL.`,
      );
    this.target = subgraphTarget(url);
    this.circuit = circuitFor(subgraph, url, settings);
  }

  /**
   * A failure is answered, not thrown: @apollo/gateway gives a thrown error no path, and places the
   * paths of answered errors in the client's answer.
   */
  async process(options: ProcessOptions): Promise<ProcessResult> {
    const { request, context } = options;
    if (!request.query) throw new Error("Missing query");
    const body = JSON.stringify({
      query: request.query,
      variables: request.variables,
      operationName: request.operationName,
      extensions: request.extensions,
    });
    const account = this.accountHeaders(context.viewer);
    const read = readsOnly(options);
    const send = () => this.fetch(body, this.headers(options, body, account), read, context.requestId);
    if (!(read && this.settings.dedupe)) return this.answer(options, await send());
    // answers may differ by account: only the same account's fetches are the same
    const key = account ? `${Object.values(account).join("\n")}\n${body}` : body;
    const { promise, joined } = this.inFlight.share(key, send);
    if (joined) sharedFetches.inc({ subgraph: this.subgraph });
    return this.answer(options, await promise);
  }

  /** The request's account, signed; none without one, or without a secret to sign with (the subgraphs refuse the gateway then). */
  private accountHeaders(viewer: Viewer | undefined): Record<string, string> | undefined {
    const { secret } = this.settings;
    if (!viewer || !secret) return undefined;
    let headers = this.accounts.get(viewer);
    if (!headers) {
      headers = viewerHeaders(viewer, secret);
      this.accounts.set(viewer, headers);
    }
    return headers;
  }

  private headers(
    options: ProcessOptions,
    body: string,
    account: Record<string, string> | undefined,
  ): Record<string, string> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
    };
    // what the gateway asks of the subgraph itself, such as a federated trace
    const asked = options.request.http?.headers;
    if (asked) for (const [name, value] of asked) headers[name] = value;
    const { secret } = this.settings;
    if (secret) headers[GATEWAY_SECRET_HEADER] = secret;
    const requestId = options.context.requestId;
    if (requestId) headers[REQUEST_ID_HEADER] = requestId;
    if (account) Object.assign(headers, account);
    return headers;
  }

  /** One fetch under the circuit, timed and counted once however many requests share it; never rejects. */
  private async fetch(
    body: string,
    headers: Record<string, string>,
    read: boolean,
    requestId: string | undefined,
  ): Promise<Outcome> {
    if (!this.circuit.allows()) {
      fetchErrors.inc({ subgraph: this.subgraph, code: SUBGRAPH_UNAVAILABLE });
      logger.debug(
        { subgraph: this.subgraph, code: SUBGRAPH_UNAVAILABLE, requestId },
        "subgraph circuit open",
      );
      return { failure: subgraphError(this.subgraph, SUBGRAPH_UNAVAILABLE) };
    }
    const endTimer = fetchDuration.startTimer({ subgraph: this.subgraph });
    let reply: SubgraphReply;
    try {
      reply = await exchange(this.target, {
        method: "POST",
        headers,
        body,
        timeoutMs: this.settings.timeoutMs,
        retryOnStaleConnection: read,
      });
    } catch (error) {
      this.circuit.failed();
      const code = isTimeout(error) ? SUBGRAPH_TIMEOUT : SUBGRAPH_UNAVAILABLE;
      endTimer({ outcome: code === SUBGRAPH_TIMEOUT ? "timeout" : "unavailable" });
      return { failure: this.failure(code, requestId, { reason: reasonOf(error) }) };
    }
    const answer = jsonOf(reply);
    if (reply.status >= 200 && reply.status < 300) {
      if (typeof answer === "object" && answer !== null) {
        this.circuit.succeeded();
        endTimer({ outcome: "answered" });
        return { answer: new OwnCopies(reply.body, answer), cacheControl: reply.cacheControl };
      }
      // an answer that is no GraphQL answer: the subgraph is not serving as it should
      this.circuit.failed();
      endTimer({ outcome: "unavailable" });
      return { failure: this.failure(SUBGRAPH_UNAVAILABLE, requestId, { reason: "not a JSON answer" }) };
    }
    this.circuit.succeeded();
    if (clientErrorsOf(reply.status, answer)) {
      endTimer({ outcome: "answered" });
      return { refusal: new OwnCopies(reply.body, answer) };
    }
    endTimer({ outcome: "unavailable" });
    const subgraphCode = (answer as { errors?: { extensions?: { code?: unknown } }[] })?.errors?.[0]
      ?.extensions?.code;
    return { failure: this.failure(SUBGRAPH_UNAVAILABLE, requestId, { status: reply.status, subgraphCode }) };
  }

  /** One request's answer from a fetch's outcome, in objects of its own. */
  private answer(options: ProcessOptions, outcome: Outcome): ProcessResult {
    if ("failure" in outcome) return unanswered(options, outcome.failure);
    if ("refusal" in outcome)
      return { errors: (outcome.refusal.take() as { errors: GraphQLFormattedError[] }).errors };
    narrowCachePolicy(options, outcome.cacheControl);
    return outcome.answer.take() as ProcessResult;
  }

  private failure(
    code: FailureCode,
    requestId: string | undefined,
    cause: Record<string, unknown>,
  ): GraphQLError {
    fetchErrors.inc({ subgraph: this.subgraph, code });
    logger.warn({ subgraph: this.subgraph, code, requestId, ...cause }, "subgraph fetch failed");
    return subgraphError(this.subgraph, code, this.settings.timeoutMs);
  }
}

/** A failed fetch's answer: no data, and its error on each field that is therefore null. */
function unanswered(options: ProcessOptions, error: GraphQLError): ProcessResult {
  const document = "document" in options ? options.document : undefined;
  return { errors: errorsOnNulledFields(error.toJSON(), options.request, document) };
}

/**
 * The JSON of a GET to one of a subgraph's own routes (its /revision), under the secret, timeout and
 * circuit of its GraphQL fetches, over the same connections; null when the circuit is open or no good
 * answer came in time.
 */
export async function getSubgraphJson(
  subgraph: string,
  graphqlUrl: string,
  url: string,
  settings: SubgraphClientSettings,
): Promise<unknown> {
  const circuit = circuitFor(subgraph, graphqlUrl, settings);
  if (!circuit.allows()) return null;
  try {
    const reply = await exchange(subgraphTarget(url), {
      method: "GET",
      headers: settings.secret ? { [GATEWAY_SECRET_HEADER]: settings.secret } : {},
      timeoutMs: settings.timeoutMs,
      retryOnStaleConnection: true,
    });
    const ok = reply.status >= 200 && reply.status < 300;
    const answer = ok ? JSON.parse(reply.body) : null;
    circuit.succeeded();
    if (!ok)
      logger.warn({ subgraph, path: new URL(url).pathname, status: reply.status }, "subgraph read refused");
    return answer;
  } catch (error) {
    circuit.failed();
    const code = isTimeout(error) ? SUBGRAPH_TIMEOUT : SUBGRAPH_UNAVAILABLE;
    logger.warn(
      { subgraph, path: new URL(url).pathname, code, reason: reasonOf(error) },
      "subgraph read failed",
    );
    return null;
  }
}
