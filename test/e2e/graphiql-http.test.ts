// The query page at "/" over HTTP: GraphiQL's page under a strict policy, and every asset it names
// (script, styles, and the fonts and images the styles name) served by this gateway, none elsewhere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpFederation, httpFederation } from "../src/harness";

let federation: HttpFederation;
let base: string;
beforeAll(async () => {
  federation = await httpFederation();
  base = new URL(federation.gatewayUrl).origin;
});
afterAll(() => federation.close());

/** The URLs a page or sheet names, resolved against it. */
function referencedUrls(text: string, pattern: RegExp, from: string): URL[] {
  return [...text.matchAll(pattern)].map((match) => new URL(match[1] ?? "", from));
}

describe("the GraphiQL page", () => {
  it("serves / as an uncached page under a policy that admits only this gateway", async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toMatch(/https?:|data:|\*/);
    const page = await response.text();
    expect(page).toContain('<div id="graphiql">');
    expect(page).toContain("<noscript>");
  });

  it("loads its script, styles, fonts and images from this gateway, cacheable for good", async () => {
    const page = await (await fetch(`${base}/`)).text();
    const named = referencedUrls(page, /(?:src|href)="([^"]+)"/g, `${base}/`);
    expect(named).toHaveLength(2);
    expect(named.map((url) => url.pathname)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/graphiql\/graphiql-[\w-]+\.css$/),
        expect.stringMatching(/^\/graphiql\/graphiql-[\w-]+\.js$/),
      ]),
    );
    const sheetUrl = named.find((url) => url.pathname.endsWith(".css"))?.href ?? "";
    const sheet = await (await fetch(sheetUrl)).text();
    const assets = [...named, ...referencedUrls(sheet, /url\(["']?([^)"']+)["']?\)/g, sheetUrl)];
    expect(assets.length).toBeGreaterThan(20);
    for (const url of assets) {
      expect(url.origin).toBe(base);
      const response = await fetch(url, { headers: { "accept-encoding": "gzip" } });
      expect(response.status, url.pathname).toBe(200);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(response.headers.get("content-type")).toMatch(
        /^(text\/javascript|text\/css|font\/woff2?|image\/png)/,
      );
      await response.arrayBuffer();
    }
  });

  it("answers the introspection GraphiQL sends for its docs and autocompletion", async () => {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: /* GraphQL */ `{ __type(name: "Partnership") { fields { name } } }` }),
    });
    const result = (await response.json()) as { data: { __type: { fields: { name: string }[] } | null } };
    expect(result.data.__type?.fields.map((field) => field.name)).toContain("cities");
  });
});
