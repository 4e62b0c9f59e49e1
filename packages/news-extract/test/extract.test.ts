// The whole extraction on a source document: the Kranj news item on the Villach delegation
// (../shared/sources), through a resolver that knows the two towns as the graph does.
import { readFileSync } from "node:fs";
import path from "node:path";
import { nameKey, nameStem } from "@twingraph/kit/text";
import { describe, expect, it } from "vitest";
import { extractNews, titleOf } from "../src/extract";
import type { PlaceCandidate, PlaceResolver } from "../src/types";

const SOURCE = path.resolve(__dirname, "../../../../shared/sources/004_456ee31a02840778.txt");

const TOWNS: PlaceCandidate[] = [
  {
    cityId: "si-kranj",
    geonameId: 3197378,
    name: "Kranj",
    countryCode: "SI",
    latitude: 46.24,
    longitude: 14.36,
    population: 37941,
  },
  {
    cityId: "at-villach",
    geonameId: 2762372,
    name: "Villach",
    countryCode: "AT",
    latitude: 46.61,
    longitude: 13.85,
    population: 59324,
  },
];
const NAMES: Record<string, string[]> = { "si-kranj": ["Kranj"], "at-villach": ["Villach", "Beljak"] };

/** The two towns by the key or stem of any of their names, as the cities subgraph answers. */
const graphResolver: PlaceResolver = {
  async candidates(keys) {
    const answer = new Map<string, PlaceCandidate[]>();
    for (const key of keys) {
      const towns = TOWNS.filter((town) =>
        NAMES[town.cityId as string].some((name) => nameKey(name) === key || nameStem(name) === key),
      );
      if (towns.length > 0) answer.set(key, towns);
    }
    return answer;
  },
};

describe("extractNews", () => {
  it("reads the Villach delegation's visit to Kranj, quoting it, with its date and the deputy mayor", async () => {
    const text = readFileSync(SOURCE, "utf8");
    const extraction = await extractNews({ text, publishedOn: "2016-02-25" }, graphResolver);
    expect(extraction.language.tag).toBe("sl");
    expect(extraction.title).toBe("Kranj in Beljak pripravljena na bolj intenzivno sodelovanje");
    const [visit] = extraction.relations;
    expect(visit).toMatchObject({ kind: "VISIT", hostId: "si-kranj", visitorIds: ["at-villach"] });
    expect(visit.date?.date).toBe("2016-02-25");
    expect(text.slice(visit.span.start, visit.span.end)).toContain("na delovnem obisku");
    expect(extraction.people).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: "Petra Oberrauner", role: "deputy mayor" })]),
    );
    const linked = extraction.places.flatMap((place) =>
      place.kind === "linked" ? [place.place.cityId] : [],
    );
    expect(new Set(linked)).toEqual(new Set(["si-kranj", "at-villach"]));
  });
});

describe("titleOf", () => {
  it("passes over a dateline to the headline", () => {
    expect(titleOf("28. julij, 2015\nSLOVENSKI DAN V BELJAKU\n\nV pobratenem mestu Beljak …")).toBe(
      "SLOVENSKI DAN V BELJAKU",
    );
    expect(titleOf("Среда, 29. септембар 2021.\nПотписана повеља")).toBe("Потписана повеља");
  });

  it("keeps a first sentence that says more than its date, cut at a word", () => {
    expect(titleOf("Kranj, 25. februar 2016: obisk iz Beljaka.")).toBe(
      "Kranj, 25. februar 2016: obisk iz Beljaka.",
    );
    const long = `${"Beseda ".repeat(30)}konec.`;
    expect(titleOf(long).endsWith("…")).toBe(true);
    expect(titleOf(long).length).toBeLessThanOrEqual(121);
  });
});
