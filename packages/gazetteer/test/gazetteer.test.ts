// Matching places to the GeoNames gazetteer: by name or alternate name within a country, namesakes
// settled by distance or size, and ambiguity reported rather than guessed.
import { describe, expect, it } from "vitest";
import { loadGazetteer, nameVariants } from "../src/gazetteer";

const gazetteer = loadGazetteer();

function matchedName(name: string, country: string, near?: { latitude: number; longitude: number }) {
  const match = gazetteer.match(name, country, near);
  return match.kind === "matched" ? match.place.name : match.kind;
}

describe("the gazetteer", () => {
  it("matches a name and an alternate name in their country", () => {
    expect(matchedName("Kranj", "SI")).toBe("Kranj");
    expect(matchedName("Beljak", "AT")).toBe("Villach");
    expect(matchedName("celovec", "at")).toBe("Klagenfurt am Wörthersee");
    expect(matchedName("Kranj", "AT")).toBe("unmatched");
  });

  it("reports namesakes of like size far apart as ambiguous, with every candidate", () => {
    const match = gazetteer.match("Springfield", "US");
    expect(match.kind).toBe("ambiguous");
    if (match.kind !== "ambiguous") return;
    // Springfield in Illinois, Missouri and Massachusetts, none ten times larger than the others
    expect(match.candidates.map((place) => place.geonameId)).toEqual(
      expect.arrayContaining([4250542, 4409896, 4951788]),
    );
  });

  it("settles namesakes by the coordinates the data gives, and refuses a match far from them", () => {
    const illinois = { latitude: 39.8, longitude: -89.65 };
    const match = gazetteer.match("Springfield", "US", illinois);
    expect(match.kind === "matched" && match.place.geonameId).toBe(4250542);
    expect(matchedName("Kranj", "SI", { latitude: 45.5, longitude: 13.6 })).toBe("unmatched");
  });

  it("takes a place far larger than its namesakes when the data gives no coordinates", () => {
    expect(matchedName("Moscow", "RU")).toBe("Moscow");
  });

  it("tries the name without qualifiers, keeping a district apart from its city", () => {
    expect(nameVariants("Haaren, Noord-Brabant")).toContain("Haaren");
    expect(nameVariants("Zemun (Belgrade)")).toContain("Zemun");
    expect(nameVariants("Belgrade – Zemun")).toEqual(["Belgrade – Zemun", "Zemun"]);
    expect(matchedName("Belgrade – Zemun", "RS")).toBe("Zemun");
  });
});
