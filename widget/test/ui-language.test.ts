// Which of its languages the widget speaks on a page.
import { describe, expect, it } from "vitest";
import { chooseLanguage, matchLanguage } from "../src/browser/ui-language";

describe("chooseLanguage", () => {
  it("takes the first tag given: the element's, else an ancestor's, else the document's", () => {
    expect(chooseLanguage(["sl", "de", "en"])).toBe("sl");
    expect(chooseLanguage([null, "fr-BE", "en"])).toBe("fr");
  });

  it('passes over empty tags (lang="")', () => {
    expect(chooseLanguage(["", "  ", "de-AT"])).toBe("de");
  });

  it("falls back to English when no tag is given or the first names a language it does not speak", () => {
    expect(chooseLanguage([])).toBe("en");
    expect(chooseLanguage([undefined, null])).toBe("en");
    expect(chooseLanguage(["pt-BR", "sl"])).toBe("en");
  });
});

describe("matchLanguage", () => {
  it("matches by primary language, whatever the region", () => {
    expect(matchLanguage("sl-SI")).toBe("sl");
    expect(matchLanguage("DE-ch")).toBe("de");
    expect(matchLanguage("en-GB")).toBe("en");
    expect(matchLanguage("fr_CA")).toBe("fr");
  });

  it("tells Serbian's scripts apart: Cyrillic by default, Latin where the tag or Montenegro says so", () => {
    expect(matchLanguage("sr")).toBe("sr");
    expect(matchLanguage("sr-RS")).toBe("sr");
    expect(matchLanguage("sr-Cyrl")).toBe("sr");
    expect(matchLanguage("sr-Latn")).toBe("sr-Latn");
    expect(matchLanguage("sr-latn-RS")).toBe("sr-Latn");
    expect(matchLanguage("sr-ME")).toBe("sr-Latn");
    expect(matchLanguage("sr-Cyrl-ME")).toBe("sr");
  });

  it("does not take a language for one it merely resembles", () => {
    expect(matchLanguage("hr")).toBe("en");
    expect(matchLanguage("srn")).toBe("en");
  });
});
