// The guard's memory of documents that passed its limits: a repeated text is not parsed again, a
// refused one is refused every time, a new schema checks anew, and the bytes kept stay bounded.
import { readFileSync } from "node:fs";
import path from "node:path";
import { HttpError } from "@twingraph/kit/http";
import { buildSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { CheckedDocuments } from "../src/limits/checked-documents";
import { DEFAULT_LIMITS } from "../src/limits/settings";

const apiSdl = readFileSync(path.resolve(__dirname, "../../schema/api.graphql"), "utf8");
const schema = buildSchema(apiSdl);
const KRANJ = '{ city(id: "si-kranj") { name } }';

describe("CheckedDocuments", () => {
  it("answers a text that passed with the document parsed the first time", () => {
    const checked = new CheckedDocuments(1_000_000);
    const first = checked.check(KRANJ, schema, DEFAULT_LIMITS);
    expect(first).toBeDefined();
    expect(checked.check(KRANJ, schema, DEFAULT_LIMITS)).toBe(first);
  });

  it("refuses a text over a limit every time it comes", () => {
    const checked = new CheckedDocuments(1_000_000);
    const deep = "{ city(id: 1) { partnerships { cities { partnerships { cities { name } } } } } }";
    const limits = { ...DEFAULT_LIMITS, depth: 2 };
    for (let attempt = 0; attempt < 2; attempt++)
      expect(() => checked.check(deep, schema, limits)).toThrow(HttpError);
  });

  it("checks every text anew against a new schema", () => {
    const checked = new CheckedDocuments(1_000_000);
    const first = checked.check(KRANJ, schema, DEFAULT_LIMITS);
    const second = checked.check(KRANJ, buildSchema(apiSdl), DEFAULT_LIMITS);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });

  it("keeps no more than its bytes: the least recently used text is parsed again", () => {
    const checked = new CheckedDocuments(6_000);
    const first = checked.check(KRANJ, schema, DEFAULT_LIMITS);
    for (let index = 0; index < 20; index++)
      checked.check(`{ city(id: "place-${index}") { name } }`, schema, DEFAULT_LIMITS);
    expect(checked.check(KRANJ, schema, DEFAULT_LIMITS)).not.toBe(first);
  });
});
