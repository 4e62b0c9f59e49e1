// Serves the partnership widget from the gateway: /widget.js, its map chunk under /widget/, and the
// demo page at /widget/. Built once per process; pre-compressed; strong ETags answer revalidation.
import type { IncomingMessage, ServerResponse } from "node:http";
import { matchesEtag, type Route } from "@twingraph/kit/http";
import { buildWidget, type WidgetBuild, type WidgetFile, type WidgetFileRole } from "@twingraph/widget";

const CACHE_CONTROL: Record<WidgetFileRole, string> = {
  // portals reference /widget.js by a stable URL: a short lifetime, then a cheap 304
  script: "public, max-age=300",
  // chunk names carry their content hash
  chunk: "public, max-age=31536000, immutable",
  page: "no-cache",
};

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

let widgetBuild: Promise<WidgetBuild> | undefined;

/** One build per process, shared by every gateway started in it (tests start many). */
function builtWidget(): Promise<WidgetBuild> {
  if (widgetBuild) return widgetBuild;
  const building = buildWidget();
  widgetBuild = building;
  // a failed build is tried again by the next gateway, not remembered
  building.catch(() => {
    widgetBuild = undefined;
  });
  return building;
}

export async function widgetRoutes(): Promise<Record<string, Route>> {
  const { files } = await builtWidget();
  return {
    ...Object.fromEntries(files.map((file) => [file.path, fileRoute(file)])),
    "/widget": redirectRoute("/widget/"),
  };
}

function fileRoute(file: WidgetFile): Route {
  return (request, response) => {
    if (!allowRead(request, response)) return;
    const gzip = acceptsGzip(request.headers["accept-encoding"]);
    const etag = gzip ? file.etag.replace(/"$/, '-gzip"') : file.etag;
    response.setHeader("content-type", file.contentType);
    response.setHeader("cache-control", CACHE_CONTROL[file.role]);
    addVary(response, "Accept-Encoding");
    response.setHeader("etag", etag);
    response.setHeader("x-content-type-options", "nosniff");
    if (file.role === "page") response.setHeader("content-security-policy", PAGE_POLICY);
    if (matchesEtag(request.headers["if-none-match"], etag)) {
      response.statusCode = 304;
      response.end();
      return;
    }
    const body = gzip ? file.gzipped : file.body;
    if (gzip) response.setHeader("content-encoding", "gzip");
    response.setHeader("content-length", body.length);
    response.statusCode = 200;
    response.end(request.method === "HEAD" ? undefined : body);
  };
}

/** Adds to Vary rather than replacing it: the CORS layer may already vary by Origin. */
function addVary(response: ServerResponse, header: string): void {
  const current = response.getHeader("vary");
  response.setHeader("vary", current ? `${current}, ${header}` : header);
}

function redirectRoute(location: string): Route {
  return (request, response, url) => {
    if (!allowRead(request, response)) return;
    response.statusCode = 308;
    response.setHeader("location", `${location}${url.search}`);
    response.end();
  };
}

function allowRead(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method === "GET" || request.method === "HEAD") return true;
  response.statusCode = 405;
  response.setHeader("allow", "GET, HEAD");
  response.end();
  return false;
}

/** gzip unless the client refuses it ("gzip;q=0") or does not list it (nor "*"). */
export function acceptsGzip(header: string | undefined): boolean {
  const codings = new Map(
    (header ?? "").split(",").map((part) => {
      const [coding = "", ...parameters] = part.trim().toLowerCase().split(";");
      const quality = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
      return [coding.trim(), quality === undefined ? 1 : Number(quality)] as const;
    }),
  );
  const quality = codings.get("gzip") ?? codings.get("*");
  return quality !== undefined && quality > 0;
}
