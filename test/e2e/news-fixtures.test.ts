// The labelled news excerpts (test/fixtures/news) are well formed: every field of its type, a short
// excerpt, each person named exactly as the text writes them, at least five excerpts of each
// language the issue names, and every one credited in the folder's README.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadNewsFixtures, NEWS_FIXTURES } from "../src/news-eval";

const RELATIONS = [
  "TWINNING_CHARTER",
  "FRIENDSHIP_CHARTER",
  "COOPERATION_AGREEMENT",
  "MEMORANDUM",
  "VISIT",
  "PLANNED_TWINNING",
  "NONE",
];
const LANGUAGES = ["sl", "sr-Cyrl", "sr-Latn", "hr", "bs", "mk", "fr", "de", "en"];
const MAX_EXCERPT = 1200;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

describe("the labelled news excerpts", () => {
  const fixtures = loadNewsFixtures();
  const credits = readFileSync(path.join(NEWS_FIXTURES, "README.md"), "utf8");

  it("are at least forty, five or more of each language the issue names", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
    const count = (prefix: RegExp) => fixtures.filter((fixture) => prefix.test(fixture.language)).length;
    for (const language of [/^sl$/, /^sr-/, /^(hr|bs)$/, /^fr$/, /^en$/])
      expect(count(language), String(language)).toBeGreaterThanOrEqual(5);
    expect(count(/^sr-Cyrl$/)).toBeGreaterThanOrEqual(2);
    expect(count(/^sr-Latn$/)).toBeGreaterThanOrEqual(2);
  });

  for (const fixture of fixtures)
    it(`${fixture.id} is well formed, short and credited`, () => {
      expect(LANGUAGES).toContain(fixture.language);
      expect(fixture.url).toMatch(/^https?:\/\//);
      expect(credits).toContain(fixture.url);
      expect(fixture.text.length).toBeGreaterThan(0);
      expect(fixture.text.length).toBeLessThanOrEqual(MAX_EXCERPT);
      if (fixture.publishedOn !== null) expect(fixture.publishedOn).toMatch(DAY);
      const { relation, eventDate, places, people } = fixture.expected;
      expect(RELATIONS).toContain(relation);
      if (eventDate !== null) expect(eventDate).toMatch(PARTIAL_DATE);
      for (const place of places) expect(place.countryCode).toMatch(/^[A-Z]{2}$/);
      for (const person of people) expect(fixture.text).toContain(person.name);
    });
});
