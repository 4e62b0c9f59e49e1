// Matching places to the GeoNames gazetteer: by name or alternate name within a country, namesakes
// settled by distance or size, and ambiguity reported rather than guessed.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadGazetteer, nameVariants, readGazetteer } from "../src/gazetteer";

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

/** cities500.txt's line for a place: tab-separated, 19 columns. */
function line(id: number, name: string, alternates: string, latitude: number, population: number): string {
  const columns = [
    id,
    name,
    name,
    alternates,
    latitude,
    14.5,
    "P",
    "PPL",
    "XX",
    "",
    "",
    "",
    "",
    "",
    population,
  ];
  return [...columns, "", "", "", "2024-01-01"].join("\t");
}

describe("a gazetteer read from a file", () => {
  const directory = mkdtempSync(path.join(tmpdir(), "gazetteer-"));
  const file = path.join(directory, "cities.txt");
  writeFileSync(
    file,
    [
      line(1, "Novo Mesto", "Novo mesto,Rudolfswert,NOVO MESTO", 45.8, 23_000),
      "a line without columns",
      line(2, "Dol", "DOL,Dol", 46.1, 1_000),
      line(3, "Dol", "", 46.9, 1_000),
      "",
    ].join("\n"),
  );
  const gazetteer = readGazetteer(file);
  rmSync(directory, { recursive: true });

  it("matches a place by any of its names, with every column it reads", () => {
    const match = gazetteer.match("Rudolfswert", "xx");
    expect(match).toEqual({
      kind: "matched",
      matchedName: "Rudolfswert",
      place: {
        geonameId: 1,
        name: "Novo Mesto",
        asciiName: "Novo Mesto",
        alternateNames: ["Novo mesto", "Rudolfswert", "NOVO MESTO"],
        latitude: 45.8,
        longitude: 14.5,
        countryCode: "XX",
        featureCode: "PPL",
        population: 23_000,
      },
    });
    expect(gazetteer.match("novo mesto", "XX")).toMatchObject({ kind: "matched", place: { geonameId: 1 } });
  });

  it("offers namesakes once each, in the file's order", () => {
    const match = gazetteer.match("Dol", "XX");
    expect(match.kind === "ambiguous" && match.candidates.map((place) => place.geonameId)).toEqual([2, 3]);
    expect(gazetteer.match("a line without columns", "XX")).toEqual({ kind: "unmatched" });
  });
});
