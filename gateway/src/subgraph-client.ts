// How the gateway calls its subgraphs over HTTP: with the shared secret, the request's id and its
// account (in headers signed with that secret), under a per-subgraph timeout and circuit breaker, and
// with failures answered as coded errors that name the subgraph and nothing internal, on the paths of
// the fields they leave null, so an answer keeps the other subgraphs' data.
import { RemoteGraphQLDataSource } from "@apollo/gateway";
import {
  counter,
  GATEWAY_SECRET_HEADER,
  gatewaySecretFromEnv,
  histogram,
  logger,
  REQUEST_ID_HEADER,
  viewerHeaders,
} from "@twingraph/kit/http";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { GatewayContext } from "./context";
import { type CircuitBreaker, type CircuitSettings, circuitFor } from "./subgraph-circuit";
import { errorsOnNulledFields } from "./subgraph-error-paths";

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
}

/**
 * A subgraph's settings from the environment: GATEWAY_SECRET (or GATEWAY_SECRET_FILE); <NAME>_TIMEOUT_MS, else
 * SUBGRAPH_TIMEOUT_MS (default 5,000); SUBGRAPH_CIRCUIT_FAILURES (default 3) and
 * SUBGRAPH_CIRCUIT_RETRY_MS (default 1,000).
 */
export function subgraphClientSettings(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): SubgraphClientSettings {
  return {
    secret: gatewaySecretFromEnv(env),
    timeoutMs:
      positiveInteger(env, `${name.toUpperCase()}_TIMEOUT_MS`) ??
      positiveInteger(env, "SUBGRAPH_TIMEOUT_MS") ??
      DEFAULT_TIMEOUT_MS,
    failures: positiveInteger(env, "SUBGRAPH_CIRCUIT_FAILURES") ?? DEFAULT_CIRCUIT.failures,
    retryMs: positiveInteger(env, "SUBGRAPH_CIRCUIT_RETRY_MS") ?? DEFAULT_CIRCUIT.retryMs,
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, variable: string): number | undefined {
  const value = env[variable];
  if (value === undefined || value === "") return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0)
    throw new Error(`${variable} must be a positive whole number, got "${value}"`);
  return number;
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

/** The error an answer carries for a subgraph it could not reach: coded, named, nothing internal. */
export function subgraphError(subgraph: string, code: FailureCode, timeoutMs?: number): GraphQLError {
  const message =
    code === SUBGRAPH_TIMEOUT
      ? `The ${subgraph} subgraph did not answer within ${timeoutMs} ms; its fields are null.`
      : `The ${subgraph} subgraph is unavailable; its fields are null.`;
  return new GraphQLError(message, { extensions: { code, subgraph } });
}

/** A subgraph's HTTP answer other than 2xx, kept whole so that `process` can judge it. */
class SubgraphStatusError extends GraphQLError {
  constructor(
    readonly status: number,
    readonly answer: unknown,
  ) {
    super(`HTTP ${status}`);
  }

  /** The subgraph's own GraphQL errors for a request it refused (4xx), which the client should see. */
  get clientErrors(): GraphQLFormattedError[] | undefined {
    // 401 and 403 refuse the gateway (its secret), not the client's request
    if (this.status < 400 || this.status >= 500 || this.status === 401 || this.status === 403)
      return undefined;
    const errors = (this.answer as { errors?: unknown })?.errors;
    return Array.isArray(errors) && errors.length > 0 ? errors : undefined;
  }

  /** The subgraph's own code, for the log. */
  get subgraphCode(): unknown {
    return (this.answer as { errors?: { extensions?: { code?: unknown } }[] })?.errors?.[0]?.extensions?.code;
  }
}

type Remote = RemoteGraphQLDataSource<Partial<GatewayContext>>;
type ProcessOptions = Parameters<Remote["process"]>[0];
type FetcherResponse = Parameters<Remote["errorFromResponse"]>[0];
type ProcessResult = Awaited<ReturnType<Remote["process"]>>;

/** What a failed fetch's log line says of the cause: an errno-style code, never a URL. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } })?.cause;
  if (typeof cause?.code === "string") return cause.code;
  return error instanceof Error ? error.name : "unknown";
}

function isTimeout(error: unknown): boolean {
  return (
    (error as Error)?.name === "TimeoutError" || (error as { cause?: Error })?.cause?.name === "TimeoutError"
  );
}

/**
 * Node's fetch (pooled keep-alive connections per origin) under the subgraph's timeout, which covers
 * reading the answer too. The data source always sends a JSON string.
 */
function fetchWithin(timeoutMs: number): Remote["fetcher"] {
  return async (url, init) => {
    const response = await fetch(url, {
      method: init?.method,
      headers: init?.headers,
      body: init?.body?.toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    // the same object at run time; the typings differ only in Headers' iterators, which Node's have
    return response as unknown as FetcherResponse;
  };
}

/** The gateway's data source for one subgraph over HTTP. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<Partial<GatewayContext>> {
  private readonly circuit: CircuitBreaker;

  constructor(
    readonly subgraph: string,
    url: string | undefined,
    private readonly settings: SubgraphClientSettings = subgraphClientSettings(subgraph),
  ) {
    if (!url)
      throw new Error(
        `The supergraph names no URL for the ${subgraph} subgraph: set ${subgraph.toUpperCase()}_URL.`,
      );
    super({ url });
    this.fetcher = fetchWithin(settings.timeoutMs);
    this.circuit = circuitFor(subgraph, url, settings);
  }

  override willSendRequest({ request, context }: ProcessOptions): void {
    const headers = request.http?.headers;
    const { secret } = this.settings;
    if (secret) headers?.set(GATEWAY_SECRET_HEADER, secret);
    if (context.requestId) headers?.set(REQUEST_ID_HEADER, context.requestId);
    // unsigned, the account would be refused anyway: without a secret the subgraphs refuse the gateway
    if (context.viewer && secret)
      for (const [name, value] of Object.entries(viewerHeaders(context.viewer, secret)))
        headers?.set(name, value);
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    let answer: unknown;
    try {
      answer = await this.parseBody(response);
    } catch {
      answer = undefined; // a refusal without a readable body says nothing more than its status
    }
    return new SubgraphStatusError(response.status, answer);
  }

  /**
   * A failure is answered, not thrown: @apollo/gateway gives a thrown error no path, and places the
   * paths of answered errors in the client's answer.
   */
  override async process(options: ProcessOptions): Promise<ProcessResult> {
    const requestId = options.context.requestId;
    if (!this.circuit.allows()) {
      fetchErrors.inc({ subgraph: this.subgraph, code: SUBGRAPH_UNAVAILABLE });
      logger.debug(
        { subgraph: this.subgraph, code: SUBGRAPH_UNAVAILABLE, requestId },
        "subgraph circuit open",
      );
      return unanswered(options, subgraphError(this.subgraph, SUBGRAPH_UNAVAILABLE));
    }
    const endTimer = fetchDuration.startTimer({ subgraph: this.subgraph });
    try {
      const response = await super.process(options);
      this.circuit.succeeded();
      endTimer({ outcome: "answered" });
      return response;
    } catch (error) {
      if (error instanceof SubgraphStatusError) {
        this.circuit.succeeded();
        const clientErrors = error.clientErrors;
        if (clientErrors) {
          endTimer({ outcome: "answered" });
          return { errors: clientErrors };
        }
        endTimer({ outcome: "unavailable" });
        return unanswered(
          options,
          this.failure(SUBGRAPH_UNAVAILABLE, requestId, {
            status: error.status,
            subgraphCode: error.subgraphCode,
          }),
        );
      }
      this.circuit.failed();
      const code = isTimeout(error) ? SUBGRAPH_TIMEOUT : SUBGRAPH_UNAVAILABLE;
      endTimer({ outcome: code === SUBGRAPH_TIMEOUT ? "timeout" : "unavailable" });
      return unanswered(options, this.failure(code, requestId, { reason: reasonOf(error) }));
    }
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
 * circuit of its GraphQL fetches; null when the circuit is open or no good answer came in time.
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
    const response = await fetch(url, {
      headers: settings.secret ? { [GATEWAY_SECRET_HEADER]: settings.secret } : {},
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    const answer = response.ok ? await response.json() : null;
    circuit.succeeded();
    if (!response.ok)
      logger.warn(
        { subgraph, path: new URL(url).pathname, status: response.status },
        "subgraph read refused",
      );
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
