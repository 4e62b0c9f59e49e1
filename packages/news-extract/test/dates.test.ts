// Date mentions in the forms partnership news uses, their exact offsets, the words that must not
// become dates, relative words against the publication date, and the choice of the event date.
import { describe, expect, it } from "vitest";
import { eventDate, findDates } from "../src/dates";
import type { DateMention, NewsLanguage } from "../src/types";

/** The mentions as "quote → date", checking each quote is exactly the text at its offsets. */
function found(text: string, language: NewsLanguage | "und", publishedOn?: string | null): string[] {
  const dates = findDates(text, language, publishedOn);
  for (const d of dates) expect(text.slice(d.start, d.end)).toBe(d.text);
  return dates.map((d) => `${d.text} → ${d.date}${d.relative ? " (relative)" : ""}`);
}

describe("findDates: the forms of the issue", () => {
  it("reads numeric day.month.year with and without spaces and the ordinal dot", () => {
    expect(found("РТС 26.10.2020 Београд", "sr")).toEqual(["26.10.2020 → 2020-10-26"]);
    expect(found("Potpisano je 26. 10. 2020. u Beogradu.", "sr")).toEqual(["26. 10. 2020. → 2020-10-26"]);
    expect(found("publie le 27/02/2020", "fr")).toEqual(["27/02/2020 → 2020-02-27"]);
  });

  it("reads Slovene month names in their cases (shared source 004)", () => {
    const text = "25. februar, 2016\nV Kranju sta se 25. februarja 2016 na delovnem obisku mudili";
    expect(found(text, "sl")).toEqual(["25. februar, 2016 → 2016-02-25", "25. februarja 2016 → 2016-02-25"]);
  });

  it("keeps a weekday prefix and the Serbian ordinal year with 'године'", () => {
    expect(found("Среда, 29. септембар 2021.", "sr")).toEqual(["Среда, 29. септембар 2021. → 2021-09-29"]);
    expect(found("потписан 29. септембра 2021. године у Новом Саду", "sr")).toEqual([
      "29. септембра 2021. године → 2021-09-29",
    ]);
    expect(found("Utorak, 13. avgust 2013. g.", "sr")).toEqual(["Utorak, 13. avgust 2013. g. → 2013-08-13"]);
  });

  it("reads French, German, English and Macedonian day-month forms", () => {
    expect(found("la charte signée le 12 décembre 2022 à Suresnes", "fr")).toEqual([
      "12 décembre 2022 → 2022-12-12",
    ]);
    expect(found("le 1er mars 2019", "fr")).toEqual(["1er mars 2019 → 2019-03-01"]);
    expect(found("am 3. März 2023 im Rathaus", "de")).toEqual(["3. März 2023 → 2023-03-03"]);
    expect(found("signed on 12 December 2022", "en")).toEqual(["12 December 2022 → 2022-12-12"]);
    expect(found("signed on December 12, 2022 in Niš", "en")).toEqual(["December 12, 2022 → 2022-12-12"]);
    expect(found("на 12 декември 2022 година", "mk")).toEqual(["12 декември 2022 година → 2022-12-12"]);
  });

  it("reads Croatian month names", () => {
    expect(found("održan 3. listopada 2019. u Zagrebu", "hr")).toEqual(["3. listopada 2019. → 2019-10-03"]);
    expect(found("od 1. siječnja 2020.", "hr")).toEqual(["1. siječnja 2020. → 2020-01-01"]);
    expect(found("dana 30. studenoga 2018.", "hr")).toEqual(["30. studenoga 2018. → 2018-11-30"]);
  });

  it("reads ISO dates, months with a year, and years with a cue word", () => {
    expect(found("2017-06-29", "sr")).toEqual(["2017-06-29 → 2017-06-29"]);
    expect(found("Projekt traja od maja 2008 do oktobra 2012.", "sl")).toEqual([
      "maja 2008 → 2008-05",
      "oktobra 2012 → 2012-10",
    ]);
    expect(found("Beljak in Kranj imata bratske odnose od leta 2008.", "sl")).toEqual([
      "od leta 2008 → 2008",
    ]);
    expect(found("Od 2009. godine realizuje se i Program", "sr")).toEqual(["2009. godine → 2009"]);
  });
});

describe("findDates: years from the publication date", () => {
  it("gives 'December 12' the publication year", () => {
    expect(found("on December 12 in the City Hall in Niš", "en", "2022-12-14")).toEqual([
      "December 12 → 2022-12-12 (relative)",
    ]);
  });

  it("takes the year before when the date would fall more than two months after publication", () => {
    expect(found("le 20 décembre", "fr", "2023-01-10")).toEqual(["20 décembre → 2022-12-20 (relative)"]);
    expect(found("le 20 février", "fr", "2023-01-10")).toEqual(["20 février → 2023-02-20 (relative)"]);
  });

  it("without publication, takes the year of the latest full date in the text, else skips", () => {
    expect(found("dimanche 10 décembre en Martinique; posée le 29 mars 2017", "fr")).toEqual([
      "dimanche 10 décembre → 2017-12-10 (relative)",
      "29 mars 2017 → 2017-03-29",
    ]);
    expect(found("Sporazum je potpisan 22. avgusta, ove godine", "bs")).toEqual([]);
  });

  it("reads a month with a cue word ('konec aprila') in the year of publication", () => {
    expect(found("se je konec aprila odzvala povabilu", "sl", "2008-05-13")).toEqual([
      "konec aprila → 2008-04 (relative)",
    ]);
  });
});

describe("findDates: relative words", () => {
  it("resolves yesterday and today in each language against publication", () => {
    expect(found("Včeraj sta župana podpisala listino.", "sl", "2016-02-26")).toEqual([
      "Včeraj → 2016-02-25 (relative)",
    ]);
    expect(found("The mayors signed it yesterday.", "en", "2022-12-14")).toEqual([
      "yesterday → 2022-12-13 (relative)",
    ]);
    expect(found("potpisali su jučer", "hr", "2019-12-15")).toEqual(["jučer → 2019-12-14 (relative)"]);
    expect(found("изјавио је данас, а јуче", "sr", "2020-10-24")).toEqual([
      "данас → 2020-10-24 (relative)",
      "јуче → 2020-10-23 (relative)",
    ]);
    expect(found("signée avant-hier", "fr", "2022-12-14")).toEqual(["avant-hier → 2022-12-12 (relative)"]);
    expect(found("Gestern unterzeichnet", "de", "2023-03-08")).toEqual(["Gestern → 2023-03-07 (relative)"]);
    expect(found("потпишаа вчера", "mk", "2022-12-20")).toEqual(["вчера → 2022-12-19 (relative)"]);
  });

  it("skips relative words without a publication date, and another language's words", () => {
    expect(found("Včeraj sta župana podpisala listino.", "sl")).toEqual([]);
    // German "hier" means "here"
    expect(found("Die Delegation war hier.", "de", "2023-03-08")).toEqual([]);
  });

  it("resolves weekday references: 'last' ones to the past, plain ones to the nearest such day", () => {
    // 2022-12-14 is a Wednesday
    expect(found("Last Friday the delegation arrived.", "en", "2022-12-14")).toEqual([
      "Last Friday → 2022-12-09 (relative)",
    ]);
    expect(found("prošlog petka", "sr", "2022-12-14")).toEqual(["prošlog petka → 2022-12-09 (relative)"]);
    expect(found("The ceremony was held Monday evening.", "en", "2022-12-14")).toEqual([
      "Monday → 2022-12-12 (relative)",
    ]);
    // Saturday 2020-10-24: "on Monday" is two days on, not five back
    expect(found("да у понедељак путује у Београд", "sr", "2020-10-24")).toEqual([
      "у понедељак → 2020-10-26 (relative)",
    ]);
    expect(found("Ce samedi, le maire reçoit", "fr", "2018-12-07")).toEqual([
      "Ce samedi → 2018-12-08 (relative)",
    ]);
    expect(found("am Montag im Rathaus", "de", "2023-03-08")).toEqual(["am Montag → 2023-03-06 (relative)"]);
    // Slovene weekday adjective, written after the fact (Wednesday 2011-12-07 → the Friday before)
    expect(found("ob petkovem podpisu listine", "sl", "2011-12-07")).toEqual([
      "petkovem → 2011-12-02 (relative)",
    ]);
  });

  it("lets an explicit date absorb its weekday", () => {
    expect(found("v petek, 26. februarja 2016, v Kranju", "sl", "2016-02-29")).toEqual([
      "petek, 26. februarja 2016 → 2016-02-26",
    ]);
  });
});

describe("findDates: not dates", () => {
  it("finds nothing in scores, counts, phone numbers, versions, money and times", () => {
    const text =
      "Rezultat je bio 3:1. Grad ima 2.500 stanovnika, tel. 064/123-4567, verzija 1.2.3, vrijednost 1.800.000,00 EUR, početak u 12.30 sati, 2019–2021.";
    expect(found(text, "sr", "2020-01-01")).toEqual([]);
  });

  it("takes no list numbering at a line's start for a yearless date", () => {
    expect(found("1.2. Cilji projekta\nSeja bo 26. 2. ob 10. uri", "sl", "2016-02-20")).toEqual([
      "26. 2. → 2016-02-26 (relative)",
    ]);
  });

  it("wants English month names capitalised ('may' the verb is no month)", () => {
    expect(found("12 may be enough; 12 May 2022", "en")).toEqual(["12 May 2022 → 2022-05-12"]);
  });

  it("takes no impossible day (of a named month only the month and year stand)", () => {
    expect(found("31.02.2020 and 30. februarja 2016", "sl")).toEqual(["februarja 2016 → 2016-02"]);
  });
});

describe("eventDate", () => {
  const pick = (text: string, language: NewsLanguage, publishedOn: string | null, span?: [number, number]) =>
    eventDate(
      findDates(text, language, publishedOn),
      publishedOn,
      span ? { start: span[0], end: span[1] } : undefined,
    )?.date ?? null;

  it("passes over the dateline for the event the text dates", () => {
    const text = "Friday, November 1, 2013\n\nThe agreement was signed on October 28 in the City Hall.";
    expect(pick(text, "en", "2013-11-01")).toBe("2013-10-28");
    expect(pick("15.12.2019.\nGradonačelnici su jučer potpisali sporazum.", "hr", "2019-12-15")).toBe(
      "2019-12-14",
    );
  });

  it("gives null when the only date is the dateline", () => {
    expect(
      pick("РТС 26.10.2020\nБеоград и Бањалука потписали Повељу о братимљењу", "sr", "2020-10-26"),
    ).toBeNull();
  });

  it("keeps a body date equal to publication after the dateline (shared source 004)", () => {
    const text = "25. februar, 2016\nV Kranju sta se 25. februarja 2016 na delovnem obisku mudili";
    expect(pick(text, "sl", "2016-02-25")).toBe("2016-02-25");
  });

  it("prefers a day to a bare year, which is background", () => {
    expect(
      pick("Beljak in Kranj imata bratske odnose od leta 2008. Včeraj so se srečali.", "sl", "2016-02-26"),
    ).toBe("2016-02-25");
    expect(pick("The towns have been twinned since 1994.", "en", null)).toBeNull();
  });

  it("drops dates more than a year after publication", () => {
    expect(pick("Strategija do 1. januarja 2030 in obisk 12. maja 2016", "sl", "2016-05-20")).toBe(
      "2016-05-12",
    );
  });

  it("with a relation span, takes the date nearest to it", () => {
    const text =
      "Delegacija je prispela 10. maja 2016. Ogledali so si mesto. Listino o pobratenju sta župana podpisala 12. maja 2016.";
    const relation = text.indexOf("Listino");
    expect(pick(text, "sl", "2016-05-20", [relation, text.length])).toBe("2016-05-12");
    expect(pick(text, "sl", "2016-05-20")).toBe("2016-05-10");
  });

  it("with a span, passes over a publication-day date when another is close to the relation", () => {
    const opening = "x".repeat(400); // past the dateline's reach
    const text = `${opening} Obisk se je začel 12. maja 2016. ${"Ogledali so si mesto. ".repeat(4)}Objava 20. maja 2016. Listino sta župana podpisala.`;
    const relation = text.indexOf("Listino");
    expect(pick(text, "sl", "2016-05-20", [relation, text.length])).toBe("2016-05-12");
    // with no other date near the relation, the publication-day date stands
    const far = `${opening} Obisk se je začel 12. maja 2016. ${"Ogledali so si mesto. ".repeat(20)}Objava 20. maja 2016. Listino sta župana podpisala.`;
    expect(pick(far, "sl", "2016-05-20", [far.indexOf("Listino"), far.length])).toBe("2016-05-20");
  });

  it("counts a bare year inside the relation's span", () => {
    const text = "Pobratenje sta mesti podpisali leta 1994 v Kranju.";
    expect(pick(text, "sl", null, [0, text.length])).toBe("1994");
  });

  it("returns ties to the earlier mention", () => {
    const dates: DateMention[] = [
      { start: 30, end: 40, text: "12.05.2016", date: "2016-05-12", relative: false },
      { start: 0, end: 10, text: "10.05.2016", date: "2016-05-10", relative: false },
    ];
    expect(eventDate(dates, null, { start: 15, end: 25 })?.date).toBe("2016-05-10");
  });
});
