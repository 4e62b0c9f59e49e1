// The cap on text arguments: counted in characters, absent values untouched, the refusal coded and
// naming the argument, the limit and the length met.
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { checkTextLength } from "../src/errors";

describe("checkTextLength", () => {
  it("passes text up to the limit, and absent values, unchanged", () => {
    expect(checkTextLength("Kranj", "name", 5)).toBe("Kranj");
    expect(checkTextLength(null, "country", 5)).toBeNull();
    expect(checkTextLength(undefined, "country", 5)).toBeUndefined();
  });

  it("counts code points, so a character outside the BMP is one", () => {
    expect(checkTextLength("😀😀😀", "name", 3)).toBe("😀😀😀");
    expect(() => checkTextLength("😀😀😀😀", "name", 3)).toThrow("got 4");
  });

  it("refuses longer text with BAD_USER_INPUT naming the argument and the limit", () => {
    const refusal = (() => {
      try {
        checkTextLength("x".repeat(100_000), "filter.country", 100);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(GraphQLError);
    expect(refusal).toMatchObject({
      message: 'Argument "filter.country" must be at most 100 characters long, got 100000.',
      extensions: { code: "BAD_USER_INPUT", argumentName: "filter.country" },
    });
  });
});
