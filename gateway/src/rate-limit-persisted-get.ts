// Which requests are persisted GETs, as the widget sends them: the gateway's context records the
// operation's hash so that the rate limit can discount the cost of listed operations.
import type { IncomingMessage } from "node:http";

/** What the gateway's context carries for the discount of persisted GETs. */
export interface PersistedGetMark {
  /** the operation's hash, when the request is a GET naming one in `extensions.persistedQuery` */
  persistedGetHash?: string;
}

/** The hash a persisted GET names in its `extensions` parameter, else undefined; never throws. */
export function persistedGetHash(request: IncomingMessage): string | undefined {
  if (request.method !== "GET") return undefined;
  try {
    const extensions = new URL(request.url ?? "/", "http://localhost").searchParams.get("extensions");
    const hash = extensions ? JSON.parse(extensions)?.persistedQuery?.sha256Hash : undefined;
    return typeof hash === "string" ? hash : undefined;
  } catch {
    return undefined;
  }
}
