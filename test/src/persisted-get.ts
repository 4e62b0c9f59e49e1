// A persisted operation asked for as browsers and CDNs cache it: by its hash, over GET.
import { operationId } from "@twingraph/gateway";

export interface PersistedGet {
  /** the operation's text, whose sha256 is sent in place of it */
  body: string;
  operationName?: string;
  variables?: object;
}

export function persistedGetUrl(endpoint: string, operation: PersistedGet): string {
  const url = new URL(endpoint);
  if (operation.operationName) url.searchParams.set("operationName", operation.operationName);
  if (operation.variables) url.searchParams.set("variables", JSON.stringify(operation.variables));
  const persistedQuery = { version: 1, sha256Hash: operationId(operation.body) };
  url.searchParams.set("extensions", JSON.stringify({ persistedQuery }));
  return url.href;
}
