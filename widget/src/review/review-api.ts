// Sends the page's operations to this gateway's /graphql, with the signed-in account's token as a
// bearer token, and turns a refusal into one error that keeps its code and extensions for display.

export interface GraphQLErrorBody {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

interface GraphQLBody<TData> {
  data?: TData | null;
  errors?: GraphQLErrorBody[];
}

/** Data with the errors that came beside it (a part of the graph may fail while the rest answers). */
export interface Answer<TData> {
  data: TData;
  errors: GraphQLErrorBody[];
}

/** The graph answered no data: the first error's code and message, every error kept. */
export class ReviewApiError extends Error {
  readonly code: string;

  constructor(
    readonly errors: readonly GraphQLErrorBody[],
    readonly status: number,
  ) {
    const first = errors[0];
    super(first?.message ?? `The gateway answered HTTP ${status} with no data.`);
    this.name = "ReviewApiError";
    this.code = codeOf(first) ?? (status >= 400 ? `HTTP_${status}` : "NO_DATA");
  }

  /** The token itself was refused (bad signature, expired): signing in again is the remedy. */
  get tokenRefused(): boolean {
    return this.status === 401 && this.code === "UNAUTHENTICATED";
  }
}

export function codeOf(error: GraphQLErrorBody | undefined): string | undefined {
  const code = error?.extensions?.code;
  return typeof code === "string" ? code : undefined;
}

const ACCEPT = "application/graphql-response+json, application/json;q=0.9";

export class ReviewApi {
  constructor(
    private readonly endpoint: URL,
    private readonly token: () => string | null,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  /** Data, with any errors beside it; throws ReviewApiError when there is no data at all. */
  async request<TData>(query: string, variables: Record<string, unknown> = {}): Promise<Answer<TData>> {
    const token = this.token();
    const response = await this.fetcher(this.endpoint, {
      method: "POST",
      headers: {
        accept: ACCEPT,
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = await readBody<TData>(response);
    const errors = body.errors ?? [];
    if (body.data === null || body.data === undefined) throw new ReviewApiError(errors, response.status);
    return { data: body.data, errors };
  }

  /** For mutations: any error fails the whole action. */
  async mutate<TData>(query: string, variables: Record<string, unknown>): Promise<TData> {
    const { data, errors } = await this.request<TData>(query, variables);
    if (errors.length > 0) throw new ReviewApiError(errors, 200);
    return data;
  }
}

async function readBody<TData>(response: Response): Promise<GraphQLBody<TData>> {
  const text = await response.text();
  try {
    return JSON.parse(text) as GraphQLBody<TData>;
  } catch {
    return {
      errors: [
        {
          message: `The gateway answered HTTP ${response.status} with no JSON: ${text.slice(0, 200)}`,
          extensions: { code: `HTTP_${response.status}` },
        },
      ],
    };
  }
}
