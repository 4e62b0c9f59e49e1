// Serves the partnership widget from the gateway: /widget.js, its map chunk under /widget/, and the
// demo page at /widget/, as the widget package built them.
import type { Route } from "@twingraph/kit/http";
import { builtFileRoutes, filesOf, redirectRoute } from "../built-file-route";

/** The demo page loads only this gateway's files, as a portal with a strict policy would. */
const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function widgetRoutes(): Record<string, Route> {
  return { ...builtFileRoutes(filesOf("widget"), PAGE_POLICY), "/widget": redirectRoute("/widget/") };
}
