// The widget's view of the graph's answer: partners grouped by place, latest visits, sources once.
import { describe, expect, it } from "vitest";
import {
  type CityData,
  latestVisit,
  type PartnershipData,
  type PlaceData,
  partnersOf,
  uniqueSources,
  type VisitData,
} from "../src/browser/partners-model";

function place(id: string, displayName: string, coordinates = true): PlaceData {
  return {
    id,
    name: displayName,
    displayName,
    latitude: coordinates ? 45 : null,
    longitude: coordinates ? 15 : null,
    country: { code: "SI", name: "Slovenia" },
  };
}

function visit(id: string, date: string): VisitData {
  return { id, date, host: { id: "si-velenje", displayName: "Velenje" }, purpose: null };
}

function partnership(
  id: string,
  cities: PlaceData[],
  overrides: Partial<PartnershipData> = {},
): PartnershipData {
  return {
    id,
    name: null,
    kind: "COOPERATION",
    status: "ACTIVE",
    since: null,
    until: null,
    cities,
    visits: [],
    projects: [],
    sources: [],
    ...overrides,
  };
}

const velenje = place("si-velenje", "Velenje");
const lukavac = place("ba-lukavac", "Lukavac");
const pljevlja = place("me-pljevlja", "Plevlja");
const cacak = place("rs-cacak", "Čačak");
const celje = place("si-celje", "Celje");

describe("partnersOf", () => {
  const city: CityData = {
    ...velenje,
    partnerships: [
      partnership("p-coal-towns", [velenje, lukavac, pljevlja], {
        sources: [{ document: "001.txt", url: null }],
      }),
      partnership("p-velenje-pljevlja", [velenje, pljevlja], {
        since: "2019",
        sources: [
          { document: "001.txt", url: null },
          { document: "002.txt", url: null },
        ],
      }),
    ],
  };

  it("gives each partner place once, with every partnership the city has with it, never the city", () => {
    const partners = partnersOf(city, "sl");
    expect(partners.map((partner) => partner.place.id)).toEqual(["ba-lukavac", "me-pljevlja"]);
    const [, plevlja] = partners;
    // the dated partnership first, the undated after it
    expect(plevlja.partnerships.map((item) => item.id)).toEqual(["p-velenje-pljevlja", "p-coal-towns"]);
    expect(plevlja.sources.map((source) => source.document)).toEqual(["001.txt", "002.txt"]);
  });

  it("orders partners as the page's language sorts their names", () => {
    const withCzech: CityData = {
      ...city,
      partnerships: [partnership("p1", [velenje, celje]), partnership("p2", [velenje, cacak])],
    };
    // Slovene sorts Č after C; English folds it into C, before "Ce"
    expect(partnersOf(withCzech, "sl").map((partner) => partner.place.displayName)).toEqual([
      "Celje",
      "Čačak",
    ]);
    expect(partnersOf(withCzech, "en").map((partner) => partner.place.displayName)).toEqual([
      "Čačak",
      "Celje",
    ]);
  });
});

describe("latestVisit", () => {
  it("takes the latest date, whatever order the visits come in", () => {
    const visits = [visit("a", "2014-05-01"), visit("b", "2016-02-25"), visit("c", "2015-11-30")];
    expect(latestVisit(visits)?.id).toBe("b");
    expect(latestVisit([...visits].reverse())?.id).toBe("b");
  });

  it("is undefined without visits", () => {
    expect(latestVisit([])).toBeUndefined();
  });
});

describe("uniqueSources", () => {
  it("keeps each document once, in first-cited order, with a URL any citation gave", () => {
    const sources = uniqueSources([
      { document: "b.txt", url: null },
      { document: "a.txt", url: null },
      { document: "b.txt", url: "https://example.org/b" },
    ]);
    expect(sources).toEqual([
      { document: "b.txt", url: "https://example.org/b" },
      { document: "a.txt", url: null },
    ]);
  });
});
