// The gateway's widget routes over HTTP, serving the files the widget's build wrote: content types,
// caching, ETag revalidation, gzip, the demo page's redirect and policy.
import { request as httpRequest } from "node:http";
import { type BuiltFile, readBuiltFiles } from "@twingraph/widget";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpFederation, httpFederation } from "../src/harness";

let federation: HttpFederation;
let base: string;
let files: BuiltFile[];
beforeAll(async () => {
  federation = await httpFederation();
  base = new URL(federation.gatewayUrl).origin;
  files = readBuiltFiles().files;
});
afterAll(() => federation.close());

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request whose body is not decompressed, unlike fetch's, so the encoding on the wire shows. */
function raw(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on("error", reject);
    request.end();
  });
}

const chunkPath = () => files.find((file) => file.bundle === "widget" && file.role === "chunk")?.path ?? "";

describe("widget routes", () => {
  it("serves /widget.js as JavaScript, briefly cacheable, gzipped when the client accepts it", async () => {
    const script = files.find((file) => file.path === "/widget.js");
    const gzipped = await raw("/widget.js", { "accept-encoding": "br, gzip;q=0.8" });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(gzipped.headers["cache-control"]).toBe("public, max-age=300");
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.headers.vary).toContain("Accept-Encoding");
    expect(gzipped.body.equals(script?.gzipped ?? Buffer.alloc(0))).toBe(true);
    const plain = await raw("/widget.js", { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.equals(script?.body ?? Buffer.alloc(0))).toBe(true);
    expect(plain.headers.etag).not.toBe(gzipped.headers.etag);
    const refused = await raw("/widget.js", { "accept-encoding": "gzip;q=0" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
  });

  it("answers If-None-Match with 304 and no body while the ETag holds", async () => {
    const first = await raw("/widget.js", { "accept-encoding": "gzip" });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await raw("/widget.js", { "accept-encoding": "gzip", "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    const stale = await raw("/widget.js", { "accept-encoding": "gzip", "if-none-match": '"something-else"' });
    expect(stale.status).toBe(200);
  });

  it("serves the map chunk under its content hash, cacheable for good", async () => {
    const response = await raw(chunkPath(), { "accept-encoding": "gzip" });
    expect(response.status).toBe(200);
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(response.headers["content-type"]).toBe("text/javascript; charset=utf-8");
  });

  it("redirects /widget to the demo page, served uncached under a strict policy", async () => {
    const redirect = await fetch(`${base}/widget`, { redirect: "manual" });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get("location")).toBe("/widget/");
    const page = await fetch(`${base}/widget/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(await page.text()).toContain('<twin-partnerships id="kranj" city="si-kranj" lang="sl">');
    const css = await fetch(`${base}/widget/demo.css`);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  it("answers HEAD without a body and refuses other methods", async () => {
    const head = await raw("/widget.js", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(Number(head.headers["content-length"])).toBeGreaterThan(0);
    expect(head.body.length).toBe(0);
    const post = await raw("/widget.js", {}, "POST");
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
  });
});
