// Sends a persisted operation the way CDNs and browser caches like it: GET with the operation's
// sha256 only; if the gateway does not know the hash yet, once more as POST with the full text,
// which registers it (Apollo's automatic persisted queries).

export interface PersistedRequest {
  endpoint: URL;
  operationName: string;
  /** the exact text the hash was computed from */
  query: string;
  sha256Hash: string;
  variables: Record<string, unknown>;
}

export interface GraphQLError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string };
}

/** Whether data that came with errors is still worth showing: its caller marks what is missing. */
export type ShowableDespiteErrors<TData> = (data: TData, errors: readonly GraphQLError[]) => boolean;

interface GraphQLBody<TData> {
  data?: TData | null;
  errors?: GraphQLError[];
}

/** The graph answered with errors: their messages, for the error state. */
export class GraphQLRequestError extends Error {
  constructor(readonly messages: readonly string[]) {
    super(messages.join("; "));
    this.name = "GraphQLRequestError";
  }
}

const ACCEPT = "application/graphql-response+json, application/json;q=0.9";

export function persistedGetUrl(request: PersistedRequest): URL {
  const url = new URL(request.endpoint);
  url.searchParams.set("operationName", request.operationName);
  url.searchParams.set("variables", JSON.stringify(request.variables));
  url.searchParams.set("extensions", JSON.stringify(persistedQueryExtension(request.sha256Hash)));
  return url;
}

/** An answer with errors fails, unless `showable` accepts its data (by default it never does). */
export async function fetchPersisted<TData>(
  request: PersistedRequest,
  signal?: AbortSignal,
  fetcher: typeof fetch = fetch,
  showable: ShowableDespiteErrors<TData> = () => false,
): Promise<TData> {
  // a simple GET (no custom headers) needs no CORS preflight from a portal on another origin
  const first = await readBody<TData>(
    await fetcher(persistedGetUrl(request), { headers: { accept: ACCEPT }, signal }),
  );
  if (!isPersistedQueryNotFound(first)) return dataOf(first, showable);
  const registered = await fetcher(request.endpoint, {
    method: "POST",
    headers: { accept: ACCEPT, "content-type": "application/json" },
    body: JSON.stringify({
      operationName: request.operationName,
      query: request.query,
      variables: request.variables,
      extensions: persistedQueryExtension(request.sha256Hash),
    }),
    signal,
  });
  return dataOf(await readBody<TData>(registered), showable);
}

function persistedQueryExtension(sha256Hash: string) {
  return { persistedQuery: { version: 1, sha256Hash } };
}

async function readBody<TData>(response: Response): Promise<GraphQLBody<TData>> {
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  return (await response.json()) as GraphQLBody<TData>;
}

function isPersistedQueryNotFound(body: GraphQLBody<unknown>): boolean {
  return (body.errors ?? []).some(
    (error) =>
      error.message === "PersistedQueryNotFound" || error.extensions?.code === "PERSISTED_QUERY_NOT_FOUND",
  );
}

/** An error fails the whole answer unless the caller can show what is missing as missing. */
function dataOf<TData>(body: GraphQLBody<TData>, showable: ShowableDespiteErrors<TData>): TData {
  const errors = body.errors ?? [];
  const data = body.data;
  if (errors.length > 0 && (data === undefined || data === null || !showable(data, errors)))
    throw new GraphQLRequestError(errors.map((error) => error.message));
  if (data === undefined || data === null) throw new GraphQLRequestError(["No data in the answer."]);
  return data;
}
