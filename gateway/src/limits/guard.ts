// The gateway's checks on a GraphQL request before Apollo sees it: batch size, then for each
// operation its persisted query extension, the safelist, the document's limits and the variables'
// limits. Apollo parses and validates only what passes, so no request can make validation or
// planning expensive, and in safelist mode an unlisted document is refused before validation could
// suggest field names.
import type { IncomingMessage } from "node:http";
import { HttpError } from "@twingraph/kit/http";
import { type DocumentNode, type GraphQLSchema, Kind, parse } from "graphql";
import { checkPersistedQuery, NOT_IN_SAFELIST, operationId, safelistRefusal } from "../persisted-operations";
import type { CheckedDocuments } from "./checked-documents";
import { checkDocument } from "./document";
import { limitExceeded } from "./refusal";
import type { OperationLimits } from "./settings";
import { checkVariables } from "./variables";

/** serve's hook before Apollo: throws an HttpError to refuse the request. */
export type RequestGuard = (request: IncomingMessage, body: unknown, url: URL) => Promise<void>;

export interface GuardSettings {
  limits: OperationLimits;
  /** the API schema, once Apollo has loaded it */
  schema: () => GraphQLSchema | undefined;
  /** in safelist mode, the persisted operations by id: nothing else runs */
  safelist?: ReadonlyMap<string, string>;
  /** documents that passed before, so a repeated text is not checked again */
  checked?: CheckedDocuments;
}

interface OperationRequest {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
  extensions?: unknown;
}

export function requestGuard(settings: GuardSettings): RequestGuard {
  return async (request, body, url) => {
    if (Array.isArray(body) && body.length > settings.limits.batch)
      throw limitExceeded(
        "batch",
        settings.limits.batch,
        body.length,
        `The batch holds ${body.length} operations; at most ${settings.limits.batch} are allowed.`,
      );
    const operations = request.method === "GET" ? [fromSearch(url.searchParams)] : fromBody(body);
    for (const operation of operations) {
      checkPersistedQuery(operation.extensions, operation.query);
      checkOperation(operation, settings);
    }
  };
}

/** Checks one operation's text and variables; exported for the persisted-operation manifests. */
export function checkOperation(
  operation: OperationRequest,
  settings: GuardSettings,
): DocumentNode | undefined {
  const { query } = operation;
  let document: DocumentNode | undefined;
  if (typeof query === "string") {
    if (settings.safelist && !settings.safelist.has(operationId(query)))
      throw new HttpError(403, NOT_IN_SAFELIST, safelistRefusal(nameOf(operation, settings.limits.tokens)));
    const schema = settings.schema();
    if (!schema) throw new Error("the gateway guard ran before the schema was loaded");
    document = settings.checked
      ? settings.checked.check(query, schema, settings.limits)
      : checkDocument(query, schema, settings.limits);
  }
  // a request with a hash alone runs a persisted text, checked when it was listed or registered
  checkVariables(operation.variables, document, settings.limits);
  return document;
}

/** The operation's name for a refusal: as the request gives it, else the document's only operation's. */
function nameOf({ query, operationName }: OperationRequest, maxTokens: number): string | undefined {
  if (typeof operationName === "string" && operationName !== "") return operationName;
  try {
    const operations = parse(query as string, { maxTokens }).definitions.filter(
      (definition) => definition.kind === Kind.OPERATION_DEFINITION,
    );
    return operations.length === 1 ? operations[0]?.name?.value : undefined;
  } catch {
    return undefined;
  }
}

function fromSearch(parameters: URLSearchParams): OperationRequest {
  return {
    query: parameters.get("query") ?? undefined,
    variables: jsonOrNothing(parameters.get("variables")),
    operationName: parameters.get("operationName") ?? undefined,
    extensions: jsonOrNothing(parameters.get("extensions")),
  };
}

/** Apollo answers a malformed request itself; only well-formed operations are checked here. */
function fromBody(body: unknown): OperationRequest[] {
  if (Array.isArray(body)) return body.filter(isObject);
  return isObject(body) ? [body] : [];
}

function isObject(value: unknown): value is OperationRequest {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function jsonOrNothing(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
