// The news extraction against the labelled excerpts (test/fixtures/news): the scorer's rules on
// hand-made extractions, then the whole set with places resolved as ingestion does (the seeded
// graph, then GeoNames), held to the targets per language (place F1 ≥ 0.9, relation kind
// ≥ 0.8, event date ≥ 0.9) when the world twinning file is there; the held-out third (as figures
// only) and the GeoNames-only figures are printed beside, the latter always.
import { existsSync } from "node:fs";
import type { Extraction, PlaceCandidate } from "@twingraph/news-extract";
import { defaultWorldFile } from "@twingraph/seed";
import { describe, expect, it } from "vitest";
import {
  evaluateNews,
  formatNewsReport,
  groupScore,
  heldOut,
  languageGroup,
  loadNewsFixtures,
  type NewsFixture,
  placeMatcher,
  quality,
  samePerson,
  scoreItem,
} from "../src/news-eval";

function place(name: string, countryCode: string, geonameId: number): PlaceCandidate {
  return { cityId: null, geonameId, name, countryCode, latitude: null, longitude: null, population: null };
}

const fixture: NewsFixture = {
  id: "sl-99",
  url: "https://example.org",
  publisher: "test",
  language: "sl",
  publishedOn: "2024-05-10",
  text: "…",
  expected: {
    places: [
      { name: "Kranj", countryCode: "SI" },
      { name: "Villach", countryCode: "AT" },
    ],
    relation: "TWINNING_CHARTER",
    eventDate: "2024-05-09",
    people: [{ name: "Matjaž Rakovec", role: "mayor" }],
  },
};

function extraction(
  places: PlaceCandidate[],
  kind: "TWINNING_CHARTER" | "VISIT",
  date: string | null,
): Extraction {
  const mention = { start: 0, end: 1, text: "x", keys: [] };
  return {
    text: "…",
    title: "…",
    language: { language: "sl", script: "Latn", tag: "sl", confidence: 1 },
    publishedOn: "2024-05-10",
    dates: [],
    countries: [],
    places: places.map((p) => ({ kind: "linked", mention, place: p, confidence: 1, how: "single" })),
    relations: [
      {
        kind,
        span: { start: 0, end: 1 },
        confidence: 0.9,
        placeIds: places.map((p) => `geonames:${p.geonameId}`),
        hostId: null,
        visitorIds: [],
        date: date ? { start: 0, end: 1, text: "x", date, relative: false } : null,
        people: [],
      },
    ],
    people: [
      {
        start: 0,
        end: 1,
        name: "Matjaža Rakovca",
        role: "mayor",
        cityId: null,
        passage: { start: 0, end: 1 },
      },
      {
        start: 0,
        end: 1,
        name: "Janez Novak",
        role: "deputy mayor",
        cityId: null,
        passage: { start: 0, end: 1 },
      },
    ],
  };
}

describe("the news scorer", () => {
  it("matches places by country and name, people by surname stem, kind and date exactly", () => {
    const score = scoreItem(
      fixture,
      extraction(
        [place("Kranj", "SI", 1), place("Villach", "DE", 2), place("Ljubljana", "SI", 3)],
        "TWINNING_CHARTER",
        "2024-05-09",
      ),
      placeMatcher(),
    );
    expect(score.places).toMatchObject({ truePositives: 1, falsePositives: 2, falseNegatives: 1 });
    expect(score.people).toMatchObject({ truePositives: 1, falsePositives: 1, falseNegatives: 0 });
    expect(score.relation).toEqual({ expected: "TWINNING_CHARTER", predicted: "TWINNING_CHARTER" });
    const group = groupScore("sl", [score]);
    expect(group.places.precision).toBeCloseTo(1 / 3);
    expect(group.places.recall).toBeCloseTo(1 / 2);
    expect(group.relationAccuracy).toBe(1);
    expect(group.dateAccuracy).toBe(1);
  });

  it("counts a wrong kind and date, and nothing against nothing as perfect", () => {
    const score = scoreItem(fixture, extraction([], "VISIT", null), placeMatcher());
    expect(groupScore("sl", [score])).toMatchObject({ relationAccuracy: 0, dateAccuracy: 0 });
    expect(quality([{ truePositives: 0, falsePositives: 0, falseNegatives: 0 }])).toEqual({
      precision: 1,
      recall: 1,
      f1: 1,
    });
    expect(samePerson("Eniom Pavoneom", "Enio Pavone")).toBe(true);
    expect(samePerson("Ivan Penava", "Ivan Pavone")).toBe(false);
    expect([languageGroup("sr-Cyrl"), languageGroup("bs"), languageGroup("hr")]).toEqual([
      "sr",
      "hr/bs",
      "hr/bs",
    ]);
  });
});

/** The graph setting seeds the world file too: without it, places do not resolve as ingestion's do. */
const worldFilePresent = existsSync(defaultWorldFile());

describe("the labelled news", () => {
  // places resolved as ingestion resolves them: the seeded graph (the sources and the world file)
  // first, then GeoNames; the first run seeds a snapshot (about 45 s with the world file)
  it.skipIf(!worldFilePresent)(
    "meets the issue's targets in every language (skipped when the world twinning file is absent (../shared/data/world-twinnings.csv): places resolve as ingestion does only with it)",
    { timeout: 600_000 },
    async () => {
      const report = await evaluateNews({ places: "graph" });
      const fixtures = loadNewsFixtures();
      // what each item got wrong, for the tuned two thirds only: the held-out third is read as a figure
      const tuned = { ...report, items: report.items.filter((_, index) => !heldOut(fixtures[index], index)) };
      console.log(formatNewsReport(report));
      console.log(
        formatNewsReport(tuned, true)
          .split("\n")
          .slice(report.groups.length + 3)
          .join("\n"),
      );
      const held = groupScore(
        "held out",
        report.items.filter((_, index) => heldOut(fixtures[index], index)),
      );
      console.log(
        `held-out third (not read while tuning): ${held.items} items, place F1 ${held.places.f1.toFixed(2)}, relation ${held.relationAccuracy.toFixed(2)}, date ${held.dateAccuracy.toFixed(2)}`,
      );
      expect(report.setting).toBe("graph");
      expect(report.overall.items).toBeGreaterThanOrEqual(40);
      for (const group of report.groups) {
        expect.soft(group.places.f1, `${group.group} place F1`).toBeGreaterThanOrEqual(0.9);
        expect.soft(group.relationAccuracy, `${group.group} relation accuracy`).toBeGreaterThanOrEqual(0.8);
        expect.soft(group.dateAccuracy, `${group.group} event-date accuracy`).toBeGreaterThanOrEqual(0.9);
      }
    },
  );

  // GeoNames alone needs no graph: printed for comparison, held only to what the extraction must
  // reach without the graph's names (relations and dates do not depend on where places come from)
  it("prints the figures with places from GeoNames alone", { timeout: 120_000 }, async () => {
    const report = await evaluateNews({ places: "gazetteer" });
    console.log(formatNewsReport(report));
    expect(report.setting).toBe("gazetteer");
    expect(report.overall.items).toBeGreaterThanOrEqual(40);
    for (const group of report.groups) {
      expect.soft(group.relationAccuracy, `${group.group} relation accuracy`).toBeGreaterThanOrEqual(0.8);
      expect.soft(group.dateAccuracy, `${group.group} event-date accuracy`).toBeGreaterThanOrEqual(0.9);
    }
  });
});
