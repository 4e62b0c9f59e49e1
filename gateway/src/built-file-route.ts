// Serves the browser files the widget package built (see @twingraph/widget's built-files): read once
// per process at start, pre-compressed, with strong ETags that answer revalidation, cached by role.
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError, matchesEtag, type Route } from "@twingraph/kit/http";
import { type BuiltBundle, type BuiltFile, type BuiltFileRole, readBuiltFiles } from "@twingraph/widget";

const CACHE_CONTROL: Record<BuiltFileRole, string> = {
  // portals reference /widget.js by a stable URL: a short lifetime, then a cheap 304
  script: "public, max-age=300",
  // chunk and asset names carry their content hash
  chunk: "public, max-age=31536000, immutable",
  page: "no-cache",
};

let builtFiles: BuiltFile[] | undefined;

/** The files of one bundle, read on first use and shared by every gateway in the process (tests start many). */
export function filesOf(bundle: BuiltBundle): BuiltFile[] {
  builtFiles ??= readBuiltFiles().files;
  return builtFiles.filter((file) => file.bundle === bundle);
}

/** Routes for each file by its path; pages carry `pagePolicy` as their Content-Security-Policy. */
export function builtFileRoutes(files: readonly BuiltFile[], pagePolicy: string): Record<string, Route> {
  return Object.fromEntries(files.map((file) => [file.path, fileRoute(file, pagePolicy)]));
}

function fileRoute(file: BuiltFile, pagePolicy: string): Route {
  return (request, response) => {
    allowRead(request);
    const gzipped = file.gzipped && acceptsGzip(request.headers["accept-encoding"]) ? file.gzipped : null;
    const etag = gzipped ? file.etag.replace(/"$/, '-gzip"') : file.etag;
    response.setHeader("content-type", file.contentType);
    response.setHeader("cache-control", CACHE_CONTROL[file.role]);
    if (file.gzipped) addVary(response, "Accept-Encoding");
    response.setHeader("etag", etag);
    response.setHeader("x-content-type-options", "nosniff");
    if (file.role === "page") response.setHeader("content-security-policy", pagePolicy);
    if (matchesEtag(request.headers["if-none-match"], etag)) {
      response.statusCode = 304;
      response.end();
      return;
    }
    const body = gzipped ?? file.body;
    if (gzipped) response.setHeader("content-encoding", "gzip");
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

export function redirectRoute(location: string): Route {
  return (request, response, url) => {
    allowRead(request);
    response.statusCode = 308;
    response.setHeader("location", `${location}${url.search}`);
    response.end();
  };
}

/** Files are only read: anything but GET and HEAD is refused with 405 and the methods allowed. */
export function allowRead(request: IncomingMessage): void {
  if (request.method === "GET" || request.method === "HEAD") return;
  throw new HttpError(405, "METHOD_NOT_ALLOWED", `${request.method} is not allowed here; read with GET.`, {
    allow: "GET, HEAD",
  });
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
