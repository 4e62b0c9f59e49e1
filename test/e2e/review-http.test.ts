// The review page at /review over HTTP: its page under a policy that admits only this gateway, its
// script and styles served beside it for good, and nothing in them that reaches anywhere else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpFederation, httpFederation } from "../src/harness";

let federation: HttpFederation;
let base: string;
beforeAll(async () => {
  federation = await httpFederation({ seedSources: false });
  base = new URL(federation.gatewayUrl).origin;
});
afterAll(() => federation.close());

/** The URLs the page names in src and href, resolved against it. */
function namedUrls(page: string): URL[] {
  return [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map(
    (match) => new URL(match[1] ?? "", `${base}/review`),
  );
}

/**
 * Absolute or protocol-relative addresses, CSS url()s and imports: any way to reach another origin.
 * Case matters: the script's `new URL("graphql", document.baseURI)` is its own origin's.
 */
const EXTERNAL = /https?:\/\/|["'(]\/\/\w|url\(|@import/;

describe("the review page", () => {
  it("serves /review as an uncached page whose policy lets it fetch from this origin only", async () => {
    const response = await fetch(`${base}/review`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    const policy = (response.headers.get("content-security-policy") ?? "").split("; ");
    expect(policy).toEqual(
      expect.arrayContaining([
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "form-action 'none'",
        "frame-ancestors 'none'",
      ]),
    );
    expect(policy.join("; ")).not.toMatch(/https?:|data:|\*|'unsafe-/);
    const page = await response.text();
    expect(page).toContain('<div id="review">');
    expect(page).toContain("<noscript>");
    expect(page).not.toMatch(EXTERNAL);
  });

  it("loads its script and styles from this gateway, cacheable for good, none reaching elsewhere", async () => {
    const page = await (await fetch(`${base}/review`)).text();
    const named = namedUrls(page);
    expect(named.map((url) => url.pathname).sort()).toEqual([
      expect.stringMatching(/^\/review\/review-[\w-]{12}\.css$/),
      expect.stringMatching(/^\/review\/review-[\w-]{12}\.js$/),
    ]);
    for (const url of named) {
      expect(url.origin).toBe(base);
      const response = await fetch(url, { headers: { "accept-encoding": "gzip" } });
      expect(response.status, url.pathname).toBe(200);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(response.headers.get("content-type")).toMatch(/^text\/(javascript|css); charset=utf-8$/);
      expect(response.headers.get("content-security-policy")).toBeNull();
      expect(await response.text()).not.toMatch(EXTERNAL);
    }
  });

  it("sends /review/ to /review, and serves the page to reads only", async () => {
    const redirect = await fetch(`${base}/review/`, { redirect: "manual" });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get("location")).toBe("/review");
    const post = await fetch(`${base}/review`, { method: "POST", body: "{}" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });
});
