// Serves the query page at "/": GraphiQL as the widget package built it (script, styles, fonts under
// /graphiql/), querying this gateway's /graphql. Offline: nothing is loaded from anywhere else.
import type { Route } from "@twingraph/kit/http";
import { builtFileRoutes, filesOf } from "../built-file-route";

const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function graphiqlRoutes(): Record<string, Route> {
  return builtFileRoutes(filesOf("graphiql"), PAGE_POLICY);
}
