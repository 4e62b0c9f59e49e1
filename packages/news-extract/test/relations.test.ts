// Relations from hand-linked places: the kind each wording states, the main one when several are
// told, visit sides, old dates as background, and none when the text states no partnership.
import { describe, expect, it } from "vitest";
import { findDates } from "../src/dates";
import { findRelations } from "../src/relations";
import type { NewsLanguage } from "../src/types";
import { linkedAt } from "./linked-places";

function relate(
  text: string,
  language: NewsLanguage,
  places: [string, string][],
  publishedOn: string | null = null,
) {
  return findRelations(
    text,
    language,
    linkedAt(text, places),
    findDates(text, language, publishedOn),
    [],
    publishedOn,
  );
}

describe("findRelations", () => {
  it("a signed charter of twinning outranks the visit told with it", () => {
    const text =
      "Delegacija Beljaka je bila na obisku v Kranju. Župana sta včeraj podpisala listino o pobratenju med Kranjem in Beljakom.";
    const relations = relate(
      text,
      "sl",
      [
        ["Beljaka", "at-villach"],
        ["Kranju", "si-kranj"],
        ["Kranjem", "si-kranj"],
        ["Beljakom", "at-villach"],
      ],
      "2024-05-10",
    );
    expect(relations[0].kind).toBe("TWINNING_CHARTER");
    expect(text.slice(relations[0].span.start, relations[0].span.end)).toMatch(
      /^Župana sta včeraj podpisala/,
    );
    expect(relations[0].placeIds).toEqual(["si-kranj", "at-villach"]);
    expect(relations[0].confidence).toBe(0.9);
    expect(relations[0].date?.date).toBe("2024-05-09");
    const visit = relations.find((relation) => relation.kind === "VISIT");
    expect(visit?.hostId).toBe("si-kranj");
    expect(visit?.visitorIds).toEqual(["at-villach"]);
  });

  it("tells friendship from cooperation by the document's own words", () => {
    const friendship = relate(
      "Gradonačelnici su potpisali Povelju o suradnji i prijateljstvu Zagreba i Opatije.",
      "hr",
      [
        ["Zagreba", "hr-zagreb"],
        ["Opatije", "hr-opatija"],
      ],
    );
    expect(friendship[0].kind).toBe("FRIENDSHIP_CHARTER");
    const cooperation = relate("Potpisan Sporazum o saradnji Grada Sarajeva i Grada Vukovara.", "bs", [
      ["Sarajeva", "ba-sarajevo"],
      ["Vukovara", "hr-vukovar"],
    ]);
    expect(cooperation[0].kind).toBe("COOPERATION_AGREEMENT");
  });

  it("a charter still to be signed is a planned twinning; a renewal is a memorandum", () => {
    const planned = relate(
      "Повеља о братимљењу Београда и Бањалуке ће бити следеће недеље потписана.",
      "sr",
      [
        ["Београда", "rs-beograd"],
        ["Бањалуке", "ba-banja-luka"],
      ],
    );
    expect(planned[0].kind).toBe("PLANNED_TWINNING");
    const renewal = relate(
      "Moti Sasson et Christian Dupuy signeront le pacte de reconduction du jumelage de Holon et Suresnes.",
      "fr",
      [
        ["Holon", "il-holon"],
        ["Suresnes", "fr-suresnes"],
      ],
    );
    expect(renewal[0].kind).toBe("MEMORANDUM");
  });

  it("reads host and visitors from the wording", () => {
    const text = "Delegacija opštine Herceg Novi boravila je u poseti opštini Inđija.";
    const [visit] = relate(text, "sr", [
      ["Herceg Novi", "me-herceg-novi"],
      ["Inđija", "rs-indija"],
    ]);
    expect(visit.kind).toBe("VISIT");
    expect(visit.hostId).toBe("rs-indija");
    expect(visit.visitorIds).toEqual(["me-herceg-novi"]);
    expect(visit.confidence).toBe(0.8);
  });

  it("leaves out a place named only to say where another lies", () => {
    const text =
      "Herzogenaurach, la ville jumelée avec Sainte-Luce, située à proximité de Nuremberg, a accueilli une délégation.";
    const [relation] = relate(text, "fr", [
      ["Herzogenaurach", "de-herzogenaurach"],
      ["Sainte-Luce", "fr-sainte-luce-sur-loire"],
      ["Nuremberg", "de-nuremberg"],
    ]);
    expect(relation.placeIds).toEqual(["de-herzogenaurach", "fr-sainte-luce-sur-loire"]);
  });

  it("history told with an old date yields to the news of the day", () => {
    const text =
      "Leta 1979 sta župana podpisala listino o pobratenju Devina in Buj. Letos sta župana sprejela delegacijo iz Buj v Devinu.";
    const relations = relate(
      text,
      "sl",
      [
        ["Devina", "it-duino"],
        ["Buj", "hr-buje"],
        ["Buj", "hr-buje"],
        ["Devinu", "it-duino"],
      ],
      "2019-06-01",
    );
    expect(relations[0].kind).toBe("VISIT");
  });

  it("states nothing without partnership words, and lowers confidence with one place", () => {
    expect(relate("Župan je obiskal razstavo v Kranju.", "sl", [["Kranju", "si-kranj"]])).toEqual([]);
    const [one] = relate("The sister city agreement was signed in Kranj.", "en", [["Kranj", "si-kranj"]]);
    expect(one.kind).toBe("TWINNING_CHARTER");
    expect(one.confidence).toBeLessThan(0.9);
  });

  it("gives a headline's charter the mayors the story names further on", () => {
    const text =
      "Beograd i Banjaluka potpisali Povelju o bratimljenju\n\nU Starom dvoru je danas potpisana povelja. Gradonačelnici Zoran Radojičić i Draško Stanivuković istakli su dobre veze.";
    const places = linkedAt(text, [
      ["Beograd", "rs-belgrade"],
      ["Banjaluka", "ba-banja-luka"],
    ]);
    const start = text.indexOf("Zoran");
    const passage = { start: text.indexOf("Gradonačelnici"), end: text.length };
    const mayors = [
      { name: "Zoran Radojičić", start, end: start + 15, role: "mayor", cityId: null, passage },
      {
        name: "Draško Stanivuković",
        start: text.indexOf("Draško"),
        end: text.indexOf(" istakli"),
        role: "mayor",
        cityId: null,
        passage,
      },
    ];
    const [charter] = findRelations(
      text,
      "sr",
      places,
      findDates(text, "sr", "2020-10-26"),
      mayors,
      "2020-10-26",
    );
    expect(charter.kind).toBe("TWINNING_CHARTER");
    expect(charter.people.map((person) => person.name)).toEqual(["Zoran Radojičić", "Draško Stanivuković"]);
  });
});
