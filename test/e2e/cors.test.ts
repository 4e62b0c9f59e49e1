// Pages on allowed origins may call the gateway and read its cache headers; a preflight from any
// other origin is refused with the reason, and its simple requests get no CORS headers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpFederation, httpFederation } from "../src/harness";

const PORTAL = "https://www.kranj.si";

describe("CORS", () => {
  let federation: HttpFederation;
  beforeAll(async () => {
    federation = await httpFederation({ gateway: { corsOrigins: [PORTAL] } });
  });
  afterAll(() => federation?.close());

  const preflight = (origin: string) =>
    fetch(federation.gatewayUrl, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });

  it("answers a preflight from a listed origin", async () => {
    const response = await preflight(PORTAL);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(PORTAL);
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toContain("content-type");
    expect(response.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(response.headers.get("vary")).toBe("Origin");
  });

  it("lets a listed origin read the answer and its cache headers", async () => {
    const response = await federation.post(
      { query: `{ city(id: "si-kranj") { name } }` },
      { origin: PORTAL },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(PORTAL);
    expect(response.headers.get("access-control-expose-headers")).toContain("etag");
    expect(response.headers.get("access-control-expose-headers")).toContain("x-twingraph-cache");
  });

  it("refuses a preflight from another origin, saying how to allow it", async () => {
    const response = await preflight("https://elsewhere.example");
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect(await response.text()).toMatch(/https:\/\/elsewhere.example may not call.*CORS_ORIGINS/);
  });

  it("sends no CORS headers to another origin's simple request", async () => {
    const response = await fetch(
      `${federation.gatewayUrl}?query=${encodeURIComponent('{ city(id: "si-kranj") { name } }')}`,
      {
        headers: { origin: "https://elsewhere.example" },
      },
    );
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });
});
