// planNews on extractions written by hand: what each relation becomes, which ids it gets, how an
// existing partnership is reused and a seen text planned as nothing, and that every quote is the
// stored text at its offsets.
import { describe, expect, it } from "vitest";
import { contentHash } from "../src/input";
import { type PlanLookups, type PlannedEdit, pairKey, planNews } from "../src/plan";
import type {
  DateMention,
  ExtractedRelation,
  Extraction,
  LinkedPlace,
  NewsPerson,
  PlaceCandidate,
  RelationKind,
  Span,
} from "../src/types";

const KRANJ: PlaceCandidate = {
  cityId: "si-kranj",
  geonameId: 3197378,
  name: "Kranj",
  countryCode: "SI",
  latitude: 46.24,
  longitude: 14.36,
  population: 37000,
};
const VILLACH: PlaceCandidate = {
  ...KRANJ,
  cityId: "at-villach",
  geonameId: 2762372,
  name: "Villach",
  countryCode: "AT",
};
const BELGRADE: PlaceCandidate = {
  ...KRANJ,
  cityId: "rs-belgrade",
  geonameId: 792680,
  name: "Belgrade",
  countryCode: "RS",
};
/** GeoNames only: not in the graph */
const BANJA_LUKA: PlaceCandidate = {
  cityId: null,
  geonameId: 3204541,
  name: "Banja Luka",
  countryCode: "BA",
  latitude: 44.77583,
  longitude: 17.18556,
  population: 221106,
};

const VISIT_TEXT =
  "Kranj, 25. februarja 2016. V Kranju sta se na delovnem obisku mudili predstavnici pobratenega mesta Beljak. Podžupanja Petra Oberrauner je predstavila mesto.";
const CHARTER_TEXT =
  "Градоначелници Београда и Бањалуке потписали су Повељу о братимљењу 29. септембра 2021. године. Градоначелник Зоран Радојичић је рекао да је то велики дан.";

function spanOf(text: string, passage: string): Span {
  const start = text.indexOf(passage);
  if (start < 0) throw new Error(`"${passage}" is not in the text`);
  return { start, end: start + passage.length };
}

function linked(text: string, written: string, place: PlaceCandidate): LinkedPlace {
  const span = spanOf(text, written);
  return {
    kind: "linked",
    mention: { ...span, text: written, keys: [] },
    place,
    confidence: 0.9,
    how: "single",
  };
}

function dateIn(text: string, written: string, date: string): DateMention {
  return { ...spanOf(text, written), text: written, date, relative: false };
}

function person(
  text: string,
  name: string,
  role: string,
  cityId: string | null,
  passage: string,
): NewsPerson {
  return { ...spanOf(text, name), name, role, cityId, passage: spanOf(text, passage) };
}

function relation(
  kind: RelationKind,
  text: string,
  passage: string,
  fields: Partial<ExtractedRelation>,
): ExtractedRelation {
  return {
    kind,
    span: spanOf(text, passage),
    confidence: 0.8,
    placeIds: [],
    hostId: null,
    visitorIds: [],
    date: null,
    people: [],
    ...fields,
  };
}

function extraction(text: string, fields: Partial<Extraction>): Extraction {
  return {
    text,
    title: "",
    language: { language: "sl", script: "Latn", tag: "sl", confidence: 0.9 },
    publishedOn: null,
    dates: [],
    countries: [],
    places: [],
    relations: [],
    people: [],
    ...fields,
  };
}

function visitExtraction(): Extraction {
  const date = dateIn(VISIT_TEXT, "25. februarja 2016", "2016-02-25");
  const petra = person(
    VISIT_TEXT,
    "Petra Oberrauner",
    "deputy mayor",
    "at-villach",
    "Podžupanja Petra Oberrauner je predstavila mesto.",
  );
  return extraction(VISIT_TEXT, {
    title: "Kranj in Beljak pripravljena na bolj intenzivno sodelovanje",
    publishedOn: "2016-02-25",
    dates: [date],
    places: [linked(VISIT_TEXT, "Kranju", KRANJ), linked(VISIT_TEXT, "Beljak", VILLACH)],
    relations: [
      relation(
        "VISIT",
        VISIT_TEXT,
        "V Kranju sta se na delovnem obisku mudili predstavnici pobratenega mesta Beljak.",
        {
          placeIds: ["si-kranj", "at-villach"],
          hostId: "si-kranj",
          visitorIds: ["at-villach"],
          date,
          people: [petra],
        },
      ),
    ],
    people: [petra],
  });
}

function charterExtraction(): Extraction {
  const date = dateIn(CHARTER_TEXT, "29. септембра 2021", "2021-09-29");
  const mayor = person(
    CHARTER_TEXT,
    "Зоран Радојичић",
    "mayor",
    "rs-belgrade",
    "Градоначелник Зоран Радојичић је рекао да је то велики дан.",
  );
  return extraction(CHARTER_TEXT, {
    language: { language: "sr", script: "Cyrl", tag: "sr-Cyrl", confidence: 0.95 },
    publishedOn: "2021-09-30",
    dates: [date],
    places: [linked(CHARTER_TEXT, "Београда", BELGRADE), linked(CHARTER_TEXT, "Бањалуке", BANJA_LUKA)],
    relations: [
      relation(
        "TWINNING_CHARTER",
        CHARTER_TEXT,
        "Градоначелници Београда и Бањалуке потписали су Повељу о братимљењу 29. септембра 2021. године.",
        {
          placeIds: ["rs-belgrade", "geonames:3204541"],
          date,
          people: [mayor],
        },
      ),
    ],
    people: [mayor],
  });
}

/** Lookups over a graph given as lists: partnerships by member pair, news by URL or hash. */
function lookups(
  partnerships: Record<string, string> = {},
  seen: { url?: string; hash?: string; id: string }[] = [],
) {
  const asked: [string, string][] = [];
  const graph: PlanLookups = {
    candidates: async () => new Map(),
    partnerships: async (pairs) => {
      asked.push(...pairs);
      return new Map(
        pairs.flatMap((pair) =>
          partnerships[pairKey(pair)] ? [[pairKey(pair), partnerships[pairKey(pair)]]] : [],
        ),
      );
    },
    seenNews: async (url, hash) =>
      seen.find((item) => (url !== null && item.url === url) || item.hash === hash)?.id ?? null,
  };
  return { graph, asked };
}

const byEntity = (edits: PlannedEdit[], entity: PlannedEdit["entity"]) =>
  edits.filter((edit) => edit.entity === entity);

function expectExactQuotes(edits: PlannedEdit[], text: string): void {
  for (const edit of edits) {
    const quoted = (edit.values.sources as { quote: string; start?: number; end?: number }[]).filter(
      (source) => source.start !== undefined,
    );
    expect(quoted.length, `${edit.entity} ${edit.recordId} quotes the text`).toBeGreaterThan(0);
    for (const source of quoted) expect(text.slice(source.start, source.end)).toBe(source.quote);
    expect(edit.source).toEqual(quoted[0]);
  }
}

describe("planNews", () => {
  it("links a visit to the existing partnership of its host and visitor, proposing no partnership", async () => {
    const { graph } = lookups({ "at-villach|si-kranj": "p-kranj-villach" });
    const doc = {
      text: VISIT_TEXT,
      title: null,
      url: "https://www.kranj.si/novice/beljak",
      publishedOn: "2016-02-25",
      language: null,
    };
    const { edits, report } = await planNews(visitExtraction(), doc, graph);
    expect(edits.map((edit) => edit.entity)).toEqual(["NewsItem", "Visit"]);
    const [item] = byEntity(edits, "NewsItem");
    const hash = contentHash(VISIT_TEXT);
    expect(item.recordId).toBe(`n-kranj-2016-02-25-${hash.slice(0, 8)}`);
    expect(item.values).toMatchObject({
      language: "sl",
      url: doc.url,
      text: VISIT_TEXT,
      contentHash: hash,
      cityIds: ["si-kranj", "at-villach"],
      publishedOn: "2016-02-25",
    });
    const [visit] = byEntity(edits, "Visit");
    expect(visit.values).toMatchObject({
      date: "2016-02-25",
      hostCityId: "si-kranj",
      visitorCityIds: ["at-villach"],
      partnershipIds: ["p-kranj-villach"],
      newsItemId: item.recordId,
      delegation: [
        { name: "Petra Oberrauner", role: "deputy mayor", organisation: null, cityId: "at-villach" },
      ],
      hosts: [],
    });
    expect(visit.source).toMatchObject({
      document: "Kranj in Beljak pripravljena na bolj intenzivno sodelovanje",
      url: doc.url,
      confidence: 0.8,
      language: "sl",
      publishedOn: "2016-02-25",
    });
    expectExactQuotes(edits, VISIT_TEXT);
    expect(report).toMatchObject({
      newsItemId: item.recordId,
      duplicateOf: null,
      language: "sl",
      proposedPlaces: [],
    });
  });

  it("proposes a GeoNames place as a city, and a partnership with its charter, when the graph has neither", async () => {
    const { graph, asked } = lookups();
    const doc = { text: CHARTER_TEXT, url: null };
    const { edits, report } = await planNews(charterExtraction(), doc, graph);
    expect(edits.map((edit) => `${edit.entity} ${edit.recordId}`)).toEqual([
      "City ba-banja-luka",
      expect.stringMatching(/^NewsItem n-belgrade-2021-09-30-[0-9a-f]{8}$/),
      "Partnership p-ba-banja-luka--rs-belgrade",
      expect.stringMatching(/^Agreement a-belgrade-banja-luka-2021-09-29-[0-9a-f]{8}$/),
    ]);
    const [city] = byEntity(edits, "City");
    expect(city.values).toMatchObject({
      name: "Banja Luka",
      countryCode: "BA",
      geonameId: 3204541,
      latitude: 44.77583,
      longitude: 17.18556,
      population: 221106,
    });
    // the news quote first, then GeoNames' credit
    expect((city.values.sources as { document: string }[]).map((source) => source.document)[1]).toMatch(
      /GeoNames/,
    );
    expect(city.source.quote).toContain("Бањалуке");
    const [partnership] = byEntity(edits, "Partnership");
    expect(partnership.values).toMatchObject({
      kind: "TWINNING",
      status: "ACTIVE",
      cityIds: ["rs-belgrade", "ba-banja-luka"],
      since: "2021-09-29",
    });
    const [agreement] = byEntity(edits, "Agreement");
    expect(agreement.values).toMatchObject({
      kind: "TWINNING_CHARTER",
      partnershipId: "p-ba-banja-luka--rs-belgrade",
      signedOn: "2021-09-29",
      signatories: [{ name: "Зоран Радојичић", role: "mayor", party: "Belgrade" }],
    });
    expect(agreement.source.language).toBe("sr-Cyrl");
    expect(agreement.source.document).toBe("news item"); // no title, no URL
    // a pair with a place new to the graph cannot have a partnership: not asked
    expect(asked).toEqual([]);
    expect(report.proposedPlaces).toEqual([BANJA_LUKA]);
    expectExactQuotes(edits, CHARTER_TEXT);
  });

  it("links a visit to the partnership a charter signed during it proposes", async () => {
    const text = "Delegacija Beljaka je obiskala Kranj. Župana sta podpisala listino o pobratenju.";
    const both = extraction(text, {
      publishedOn: "2020-05-05",
      places: [linked(text, "Beljaka", VILLACH), linked(text, "Kranj", KRANJ)],
      relations: [
        relation("VISIT", text, "Delegacija Beljaka je obiskala Kranj.", {
          placeIds: ["at-villach", "si-kranj"],
          hostId: "si-kranj",
          visitorIds: ["at-villach"],
        }),
        relation("TWINNING_CHARTER", text, "Župana sta podpisala listino o pobratenju.", {
          placeIds: ["at-villach", "si-kranj"],
        }),
      ],
    });
    const { edits } = await planNews(both, { text }, lookups().graph);
    expect(edits.map((edit) => edit.entity)).toEqual(["NewsItem", "Visit", "Partnership", "Agreement"]);
    expect(byEntity(edits, "Visit")[0].values.partnershipIds).toEqual(["p-at-villach--si-kranj"]);
    expect(byEntity(edits, "Agreement")[0].recordId).toMatch(/-2$/);
  });

  it("adds only the agreement to a partnership the graph has", async () => {
    const text = CHARTER_TEXT;
    const known = charterExtraction();
    known.places = [
      linked(text, "Београда", BELGRADE),
      linked(text, "Бањалуке", { ...BANJA_LUKA, cityId: "ba-banja-luka" }),
    ];
    known.relations[0].placeIds = ["rs-belgrade", "ba-banja-luka"];
    const { graph, asked } = lookups({ "ba-banja-luka|rs-belgrade": "p-belgrade-banja-luka" });
    const { edits } = await planNews(known, { text }, graph);
    expect(edits.map((edit) => edit.entity)).toEqual(["NewsItem", "Agreement"]);
    expect(byEntity(edits, "Agreement")[0].values.partnershipId).toBe("p-belgrade-banja-luka");
    expect(asked).toEqual([["rs-belgrade", "ba-banja-luka"]]);
  });

  it("plans nothing for a text or URL the graph has seen, naming the item that has it", async () => {
    const byHash = lookups({}, [
      { hash: contentHash(` ${VISIT_TEXT.replace(/ /g, "  ")} `), id: "n-earlier" },
    ]);
    const first = await planNews(visitExtraction(), { text: VISIT_TEXT }, byHash.graph);
    expect(first.edits).toEqual([]);
    expect(first.report.duplicateOf).toBe("n-earlier");
    const byUrl = lookups({}, [{ url: "https://example.org/a", id: "n-by-url" }]);
    const second = await planNews(
      visitExtraction(),
      { text: VISIT_TEXT, url: "https://example.org/a" },
      byUrl.graph,
    );
    expect(second.edits).toEqual([]);
    expect(second.report.duplicateOf).toBe("n-by-url");
  });

  it("plans the same ids and values for the same text", async () => {
    const { graph } = lookups();
    const once = await planNews(charterExtraction(), { text: CHARTER_TEXT }, graph);
    const again = await planNews(charterExtraction(), { text: CHARTER_TEXT }, graph);
    expect(again).toEqual(once);
  });

  it("proposes a GeoNames place only as a side of a fact, linking the item to the graph's places alone", async () => {
    const text = "Župan Kranja je obiskal Beljak. Na poti se je ustavil v Banjaluki.";
    const visit = extraction(text, {
      places: [
        linked(text, "Kranja", KRANJ),
        linked(text, "Beljak", VILLACH),
        linked(text, "Banjaluki", BANJA_LUKA),
      ],
      relations: [
        relation("VISIT", text, "Župan Kranja je obiskal Beljak.", {
          placeIds: ["si-kranj", "at-villach"],
          hostId: "at-villach",
          visitorIds: ["si-kranj"],
        }),
      ],
      publishedOn: "2020-05-05",
    });
    const { edits, report } = await planNews(visit, { text }, lookups().graph);
    expect(edits.map((edit) => edit.entity)).toEqual(["NewsItem", "Visit"]);
    expect(byEntity(edits, "NewsItem")[0].values.cityIds).toEqual(["si-kranj", "at-villach"]);
    expect(report.proposedPlaces).toEqual([]);
  });

  it("reports a planned twinning and ambiguous places without proposing them", async () => {
    const text = "Kranj in Beljak načrtujeta pobratenje. Obiskal ga je tudi Novak iz Bistrice.";
    const mention = { ...spanOf(text, "Bistrice"), text: "Bistrice", keys: ["bistric"] };
    const planned = extraction(text, {
      places: [
        linked(text, "Kranj", KRANJ),
        linked(text, "Beljak", VILLACH),
        { kind: "ambiguous", mention, candidates: [BANJA_LUKA, KRANJ] },
      ],
      relations: [
        relation("PLANNED_TWINNING", text, "Kranj in Beljak načrtujeta pobratenje.", {
          placeIds: ["si-kranj", "at-villach"],
        }),
      ],
    });
    const { edits, report } = await planNews(planned, { text }, lookups().graph);
    expect(edits.map((edit) => edit.entity)).toEqual(["NewsItem"]);
    expect(report.relations.map((found) => found.kind)).toEqual(["PLANNED_TWINNING"]);
    expect(report.ambiguous).toEqual([{ text: "Bistrice", candidates: [BANJA_LUKA, KRANJ] }]);
  });

  it("proposes no visit without a host, and quotes an item with no relation by its opening sentence", async () => {
    const text = "  Delegacija iz Beljaka je bila na obisku.\nVeč o tem jutri.";
    const hostless = extraction(text, {
      places: [linked(text, "Beljaka", VILLACH)],
      relations: [
        relation("VISIT", text, "Delegacija iz Beljaka je bila na obisku.", {
          visitorIds: ["at-villach"],
          placeIds: ["at-villach"],
        }),
      ],
    });
    const visitPlan = await planNews(hostless, { text }, lookups().graph);
    expect(visitPlan.edits.map((edit) => edit.entity)).toEqual(["NewsItem"]);
    const plain = await planNews(extraction(text, {}), { text, title: "Obisk" }, lookups().graph);
    expect(plain.edits[0].source).toMatchObject({
      quote: "Delegacija iz Beljaka je bila na obisku.",
      document: "Obisk",
      confidence: null,
    });
    expect(plain.edits[0].recordId).toMatch(/^n-news-undated-/);
    expectExactQuotes(plain.edits, text);
  });
});
