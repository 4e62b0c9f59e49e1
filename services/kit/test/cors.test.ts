import { describe, expect, it } from "vitest";
import { corsPolicy, corsPolicyFromEnv } from "../src/cors";

describe("CORS allow-list", () => {
  it("allows local pages on any port by default, and nothing else", () => {
    const policy = corsPolicyFromEnv(undefined);
    for (const origin of [
      "http://localhost:5173",
      "http://localhost",
      "http://127.0.0.1:8080",
      "http://[::1]:3000",
    ])
      expect(policy.allows(origin), origin).toBe(true);
    for (const origin of [
      "https://localhost.evil.example",
      "http://localhost.example:80",
      "https://kranj.si",
    ])
      expect(policy.allows(origin), origin).toBe(false);
  });

  it("matches listed origins exactly, a subdomain wildcard, and * for every origin", () => {
    const policy = corsPolicy(["https://www.kranj.si", "https://*.europa.eu"]);
    expect(policy.allows("https://www.kranj.si")).toBe(true);
    expect(policy.allows("http://www.kranj.si")).toBe(false);
    expect(policy.allows("https://www.kranj.si:8443")).toBe(false);
    expect(policy.allows("https://ec.europa.eu")).toBe(true);
    expect(policy.allows("https://cohesiondata.ec.europa.eu")).toBe(true);
    expect(policy.allows("https://europa.eu.evil.example")).toBe(false);
    expect(corsPolicy(["*"]).allows("https://anywhere.example")).toBe(true);
  });

  it("refuses a setting that is not an origin, naming it", () => {
    expect(() => corsPolicyFromEnv("https://www.kranj.si/partners")).toThrow(
      /"https:\/\/www.kranj.si\/partners" is not an origin/,
    );
  });
});
