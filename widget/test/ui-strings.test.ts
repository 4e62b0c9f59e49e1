// The widget's words: complete in every language, with the placeholders and plural forms each needs,
// and the localised country names and dates beside them.
import { describe, expect, it } from "vitest";
import { countryName, formatDate, formatPeriod } from "../src/browser/localised-format";
import { countPartners, fill, UI_LANGUAGES, UI_STRINGS, type UiStrings } from "../src/browser/ui-strings";

/** Every string of a table by its path ("kinds.TWINNING"), for comparing tables key by key. */
function flatten(strings: object, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(strings)) {
    if (typeof value === "string") entries.set(`${prefix}${key}`, value);
    else for (const [path, text] of flatten(value as object, `${prefix}${key}.`)) entries.set(path, text);
  }
  return entries;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
}

const english = flatten(UI_STRINGS.en);
const withoutPlurals = (paths: Iterable<string>) =>
  [...paths].filter((path) => !path.startsWith("partnerCount."));

describe.each(UI_LANGUAGES.filter((language) => language !== "en"))("the %s strings", (language) => {
  const table = flatten(UI_STRINGS[language] as UiStrings);

  it("have every English key, and no other", () => {
    expect(withoutPlurals(table.keys()).sort()).toEqual(withoutPlurals(english.keys()).sort());
  });

  it("are all written out, with the same placeholders as English", () => {
    for (const [path, text] of table) {
      expect(text.trim(), path).not.toBe("");
      const englishPath = path.startsWith("partnerCount.") ? "partnerCount.other" : path;
      expect(placeholders(text), path).toEqual(placeholders(english.get(englishPath) ?? ""));
    }
  });
});

describe.each(UI_LANGUAGES)("the %s partner count", (language) => {
  it("has a form for every plural category the language's rules choose", () => {
    const rules = new Intl.PluralRules(language);
    const forms = UI_STRINGS[language].partnerCount;
    for (let count = 0; count <= 1_000_000; count = count < 200 ? count + 1 : count * 10) {
      expect(forms[rules.select(count)], `${language} ${count}`).toBeDefined();
    }
  });
});

describe("countPartners", () => {
  it("declines Slovene's singular, dual, plural of few and plural", () => {
    expect(countPartners("sl", 1)).toBe("1 partner");
    expect(countPartners("sl", 2)).toBe("2 partnerja");
    expect(countPartners("sl", 3)).toBe("3 partnerji");
    expect(countPartners("sl", 5)).toBe("5 partnerjev");
    expect(countPartners("sl", 102)).toBe("102 partnerja");
  });

  it("declines Serbian in both scripts, and French and German", () => {
    expect(countPartners("sr", 21)).toBe("21 партнер");
    expect(countPartners("sr", 3)).toBe("3 партнера");
    expect(countPartners("sr-Latn", 11)).toBe("11 partnera");
    expect(countPartners("fr", 0)).toBe("0 partenaire");
    expect(countPartners("fr", 2)).toBe("2 partenaires");
    expect(countPartners("de", 1)).toBe("1 Partner");
    expect(countPartners("en", 2)).toBe("2 partners");
  });
});

describe("fill", () => {
  it("puts values in their placeholders and leaves unknown ones", () => {
    expect(fill("{city}: {missing}", { city: "Kranj" })).toBe("Kranj: {missing}");
  });
});

describe("localised formats", () => {
  it("names countries in the page's language, and in English where the language has no name", () => {
    expect(countryName("AT", "Austria", "sl")).toBe("Avstrija");
    expect(countryName("ME", "Montenegro", "sr")).toBe("Црна Гора");
    expect(countryName("ME", "Montenegro", "sr-Latn")).toBe("Crna Gora");
    expect(countryName("BA", "Bosnia and Herzegovina", "de")).toBe("Bosnien und Herzegowina");
    expect(countryName("Q9", "Nowhere", "sl")).toBe("Nowhere");
  });

  it("writes dates as precisely as the graph knows them", () => {
    expect(formatDate("2016-02-25", "sl")).toBe("25. februar 2016");
    expect(formatDate("2016-02-25", "en")).toBe("February 25, 2016");
    expect(formatDate("2016-02", "de")).toBe("Februar 2016");
    expect(formatDate("2008", "fr")).toBe("2008");
    expect(formatDate("sometime", "fr")).toBe("sometime");
  });

  it("writes a partnership's period from its years", () => {
    expect(formatPeriod("2008", null, "sl")).toBe("od 2008");
    expect(formatPeriod("2000-05-22", "2015-01-01", "en")).toBe("2000–2015");
    expect(formatPeriod(null, "2015", "de")).toBe("bis 2015");
    expect(formatPeriod(null, null, "fr")).toBe("");
  });
});
