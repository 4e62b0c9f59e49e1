// Serves the review page at /review (its script and styles under /review/) as the widget package
// built it. It asks only this gateway's /graphql, with the reviewer's token; nothing else is loaded.
import type { Route } from "@twingraph/kit/http";
import { builtFileRoutes, filesOf, redirectRoute } from "../built-file-route";

/** As the query page's, without fonts: the page fetches from this origin only. */
const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function reviewRoutes(): Record<string, Route> {
  return { ...builtFileRoutes(filesOf("review"), PAGE_POLICY), "/review/": redirectRoute("/review") };
}
