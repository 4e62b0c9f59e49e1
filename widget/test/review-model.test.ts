// The review page's pure parts: each field change as the diff table shows it, times and links as
// they are printed, and the claims read from a pasted token (decoded only: the gateway verifies).
import { describe, expect, it } from "vitest";
import { diffRows, prettyJson, safeHref, shortTime } from "../src/review/field-diff";
import { isHistoryEntity, recordHistoryQuery } from "../src/review/review-operations";
import {
  decodeTokenClaims,
  isExpired,
  mayReview,
  readSession,
  signIn,
  signOut,
} from "../src/review/review-session";

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const token = (claims: object) => `${part({ alg: "HS256", typ: "JWT" })}.${part(claims)}.c2lnbmF0dXJl`;

/** sessionStorage's interface over a Map, for Node. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

describe("the diff of a field change", () => {
  it("pretty-prints JSON values and marks the fields whose values differ", () => {
    const rows = diffRows([
      { field: "status", before: '"DORMANT"', after: '"ACTIVE"' },
      { field: "cityIds", before: '["si-kranj","at-villach"]', after: '[ "si-kranj", "at-villach" ]' },
      { field: "signedOn", before: null, after: '"2026-11-20"' },
    ]);
    expect(rows).toEqual([
      { field: "status", before: '"DORMANT"', after: '"ACTIVE"', changed: true },
      {
        field: "cityIds",
        before: '[\n  "si-kranj",\n  "at-villach"\n]',
        after: '[\n  "si-kranj",\n  "at-villach"\n]',
        changed: false,
      },
      { field: "signedOn", before: null, after: '"2026-11-20"', changed: true },
    ]);
  });

  it("reads JSON null as no value and shows text that is not JSON as it came", () => {
    expect(prettyJson("null")).toBeNull();
    expect(prettyJson(null)).toBeNull();
    expect(prettyJson("not json")).toBe("not json");
    expect(prettyJson('{"a":{"b":1}}')).toBe('{\n  "a": {\n    "b": 1\n  }\n}');
  });

  it("prints times in UTC to the minute, the same for every reviewer", () => {
    expect(shortTime("2026-11-20T09:30:12.345Z")).toBe("2026-11-20 09:30 UTC");
    expect(shortTime("2026-11-20T10:30:00+01:00")).toBe("2026-11-20 09:30 UTC");
    expect(shortTime(null)).toBe("");
    expect(shortTime("someday")).toBe("someday");
  });

  it("links only web addresses, never a script", () => {
    expect(safeHref("https://www.kranj.si/")).toBe("https://www.kranj.si/");
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("data:text/html,x")).toBeNull();
    expect(safeHref("kranj.si")).toBeNull();
    expect(safeHref(null)).toBeNull();
  });
});

describe("a record's history query", () => {
  it("looks the record up by the query field of its type, and knows only the seven types", () => {
    expect(recordHistoryQuery("NewsItem")).toContain("record: newsItem(id: $id)");
    expect(recordHistoryQuery("Partnership")).toContain("history(first: $first)");
    expect(isHistoryEntity("Partnership")).toBe(true);
    expect(isHistoryEntity("constructor")).toBe(false);
    expect(isHistoryEntity("__proto__")).toBe(false);
  });
});

describe("a pasted token", () => {
  it("names the account: its subject, name (any script) and role, and when it expires", () => {
    const claims = decodeTokenClaims(
      token({ sub: "ana", name: "Ana Novák", role: "editor", exp: 4102444800 }),
    );
    expect(claims).toEqual({
      subject: "ana",
      name: "Ana Novák",
      role: "editor",
      expiresAt: "2100-01-01T00:00:00.000Z",
    });
    expect(mayReview(claims)).toBe(true);
    expect(isExpired(claims)).toBe(false);
    expect(isExpired(claims, Date.parse("2100-01-01T00:00:00Z"))).toBe(true);
  });

  it("lets editors and admins review, not contributors", () => {
    const as = (role: string) => decodeTokenClaims(token({ sub: "x", name: "X", role }));
    expect(mayReview(as("contributor"))).toBe(false);
    expect(mayReview(as("admin"))).toBe(true);
    expect(mayReview(null)).toBe(false);
  });

  it("is refused, saying why, when it is not a token or names no account", () => {
    expect(() => decodeTokenClaims("hello")).toThrow(/not a token/);
    expect(() => decodeTokenClaims("a.b c.d")).toThrow(/not a token/);
    expect(() => decodeTokenClaims(`${part({})}.bm90IGpzb24.c2ln`)).toThrow(/not JSON/);
    expect(() => decodeTokenClaims(token({ sub: "x", name: "X", role: "owner" }))).toThrow(
      /names no account/,
    );
    expect(() => decodeTokenClaims(token({ sub: "x", role: "editor" }))).toThrow(/names no account/);
  });

  it("is kept for the session once it decodes, and forgotten on signing out", () => {
    const storage = memoryStorage();
    expect(readSession(storage)).toBeNull();
    expect(() => signIn(storage, "hello")).toThrow();
    expect(storage.length).toBe(0);
    const pasted = token({ sub: "ana", name: "Ana Novak", role: "editor" });
    signIn(storage, `  ${pasted}\n`);
    expect(readSession(storage)).toMatchObject({ token: pasted, claims: { name: "Ana Novak" } });
    signOut(storage);
    expect(readSession(storage)).toBeNull();
  });
});
