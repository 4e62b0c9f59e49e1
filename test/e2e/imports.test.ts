// The three import kinds end to end: a good file shows up through the federation and a second run
// changes nothing; rows that cannot be used are rejected with their line and reason while the good
// ones are imported; a broken file (bad encoding, missing columns, cut off) is refused and leaves all
// four databases as they were. The fixtures are in test/fixtures/imports (see its README).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type Databases,
  describeImport,
  ImportFileError,
  importPairs,
  importProjects,
  importWikidata,
  type PairsReport,
  type ProjectsReport,
  type WikidataReport,
} from "@twingraph/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Federation, inProcessFederation } from "../src/harness";

const fixture = (name: string) => path.resolve(__dirname, "../fixtures/imports", name);

/** Rows in every table of the four databases: what a refused file must leave as it was. */
async function rowCounts(databases: Databases): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [subgraph, dataSource] of Object.entries(databases)) {
    for (const { tableName } of dataSource.entityMetadatas) {
      const [{ n }] = await dataSource.query(`SELECT count(*) AS n FROM "${tableName}"`);
      counts[`${subgraph}.${tableName}`] = Number(n);
    }
  }
  return counts;
}

/** Everything a report says but the gazetteer details: what a test compares. */
function counts(report: PairsReport | WikidataReport | ProjectsReport) {
  const { rowsRead, rowsImported, duplicateRows, rejected, created, merged } = report;
  return { rowsRead, rowsImported, duplicateRows, rejected, created, merged };
}

async function query(federation: Federation, text: string): Promise<Record<string, unknown>> {
  const result = await federation.execute(text);
  expect(result.errors).toBeUndefined();
  return result.data ?? {};
}

describe("pairs import", () => {
  let federation: Federation;
  let report: PairsReport;

  beforeAll(async () => {
    federation = await inProcessFederation();
    report = await importPairs(federation.databases, fixture("pairs-minimal.csv"));
  });
  afterAll(() => federation?.close());

  it("reports every row: two pairs the sources hold merged, four created, two duplicates", () => {
    // new places: Esslingen, Celje, Singen, Oldham, Kyiv; known: Kranj, Villach, Velenje, Pljevlja, Moscow
    expect(counts(report)).toEqual({
      rowsRead: 8,
      rowsImported: 6,
      duplicateRows: 2,
      rejected: [],
      created: { partnerships: 4, cities: 5 },
      merged: { partnerships: 2, cities: 5 },
    });
    expect(report.rowsRead).toBe(report.rowsImported + report.duplicateRows + report.rejected.length);
  });

  it("shows a new pair through the federation, credited to the file", async () => {
    const data = await query(
      federation,
      /* GraphQL */ `{
        partnershipBetween(cityIds: ["si-celje", "de-singen"]) {
          kind status since sources { document }
          cities { id name country { code } }
        }
      }`,
    );
    expect(data.partnershipBetween).toEqual({
      kind: "TWINNING",
      status: "UNKNOWN",
      since: null,
      sources: [{ document: "pairs-minimal.csv" }],
      cities: expect.arrayContaining([
        { id: "si-celje", name: "Celje", country: { code: "SI" } },
        { id: "de-singen", name: "Singen", country: { code: "DE" } },
      ]),
    });
  });

  it("merges pairs the sources hold: they keep their kind and date and gain the file as a source", async () => {
    const data = await query(
      federation,
      /* GraphQL */ `{
        kranjVillach: partnershipBetween(cityIds: ["si-kranj", "at-villach"]) { kind since sources { document } }
        velenjePljevlja: partnershipBetween(cityIds: ["si-velenje", "me-pljevlja"]) { kind sources { document } }
      }`,
    );
    const kranjVillach = data.kranjVillach as {
      kind: string;
      since: string;
      sources: { document: string }[];
    };
    expect(kranjVillach.kind).toBe("TWINNING");
    expect(kranjVillach.since).toBe("2008");
    expect(kranjVillach.sources.map((source) => source.document)).toContain("pairs-minimal.csv");
    expect(data.velenjePljevlja).toMatchObject({ kind: "COOPERATION" });
  });

  it("reads English country names, including the four nations of the United Kingdom", async () => {
    const data = await query(federation, `{ city(id: "gb-oldham") { name country { code } } }`);
    expect(data.city).toEqual({ name: "Oldham", country: { code: "GB" } });
  });

  it("changes nothing when the file is imported again", async () => {
    const before = await rowCounts(federation.databases);
    const again = await importPairs(federation.databases, fixture("pairs-minimal.csv"));
    expect(again.created).toEqual({ partnerships: 0, cities: 0 });
    expect(again.merged.partnerships).toBe(report.created.partnerships + report.merged.partnerships);
    expect(await rowCounts(federation.databases)).toEqual(before);
  });

  it("reads the world file's columns and keeps the coordinates they give", async () => {
    const world = await importPairs(federation.databases, fixture("pairs-world.csv"));
    expect(counts(world)).toMatchObject({ rowsRead: 3, rowsImported: 3, rejected: [] });
    expect(world.merged.partnerships).toBe(1); // Villach–Kranj
    const data = await query(federation, `{ city(id: "ba-banja-luka") { latitude longitude } }`);
    expect(data.city).toEqual({ latitude: 44.7725, longitude: 17.1925 });
  });

  it("rejects unusable rows with their line and reason and imports the good ones", async () => {
    const mixed = await importPairs(federation.databases, fixture("pairs-bad-rows.csv"));
    expect(mixed.rejected).toEqual([
      { row: 3, reason: 'unknown country "Yugoslavia"' },
      { row: 4, reason: "both sides are the same place (si-ljubljana)" },
      { row: 5, reason: 'since "about 1980" is not an ISO year or date (1957, 1957-05 or 1957-05-22)' },
      { row: 6, reason: "a city name is empty" },
      { row: 7, reason: "the row has 3 fields, the header 5" },
    ]);
    expect(mixed.rowsImported).toBe(2);
    const data = await query(
      federation,
      `{ partnershipBetween(cityIds: ["si-maribor", "de-marburg"]) { kind } }`,
    );
    expect(data.partnershipBetween).toEqual({ kind: "TWINNING" });
    // the rejected rows left no city behind
    const rejected = await query(federation, `{ cities(ids: ["yu-maribor", "at-graz", "si-doboj"]) { id } }`);
    expect(rejected.cities).toEqual([]);
    expect(describeImport(mixed)).toContain('rejected line 3: unknown country "Yugoslavia"');
  });
});

describe("wikidata import", () => {
  let federation: Federation;
  let report: WikidataReport;

  beforeAll(async () => {
    federation = await inProcessFederation();
    // Kyiv–Moscow from a pairs file first, without dates, so that Wikidata's end date fills them in
    await importPairs(federation.databases, fixture("pairs-minimal.csv"));
    report = await importWikidata(federation.databases, fixture("wikidata.csv"));
  });
  afterAll(() => federation?.close());

  it("reports every row: the reversed statement of Zagreb is a duplicate", () => {
    expect(counts(report)).toEqual({
      rowsRead: 5,
      rowsImported: 4,
      duplicateRows: 1,
      rejected: [],
      created: { partnerships: 2, cities: 2 },
      merged: { partnerships: 2, cities: 3 },
    });
  });

  it("keeps each city's Wikidata item, also on cities the graph had", async () => {
    const data = await query(
      federation,
      `{ cities(ids: ["si-ljubljana", "ru-moscow", "hr-zagreb"]) { id wikidataId } }`,
    );
    expect(data.cities).toEqual([
      { id: "hr-zagreb", wikidataId: "Q1435" },
      { id: "ru-moscow", wikidataId: "Q649" },
      { id: "si-ljubljana", wikidataId: "Q437" },
    ]);
  });

  it("credits a new partnership to Wikidata with the URL of the item whose statement it is", async () => {
    const data = await query(
      federation,
      `{ partnershipBetween(cityIds: ["si-ljubljana", "hr-zagreb"]) { kind status since until sources { document url } } }`,
    );
    expect(data.partnershipBetween).toEqual({
      kind: "TWINNING",
      status: "UNKNOWN",
      since: null,
      until: null,
      sources: [{ document: "Wikidata", url: "https://www.wikidata.org/wiki/Q437" }],
    });
  });

  it("fills what a partnership lacked: an end date ends it, a start date at 1 January stays a year", async () => {
    const data = await query(
      federation,
      /* GraphQL */ `{
        kyivMoscow: partnershipBetween(cityIds: ["ua-kyiv", "ru-moscow"]) { status since until sources { document } }
        ljubljanaMoscow: partnershipBetween(cityIds: ["si-ljubljana", "ru-moscow"]) { since sources { document } }
      }`,
    );
    expect(data.kyivMoscow).toEqual({
      status: "ENDED",
      since: null,
      until: "2016",
      sources: [{ document: "pairs-minimal.csv" }, { document: "Wikidata" }],
    });
    const ljubljanaMoscow = data.ljubljanaMoscow as { since: string; sources: { document: string }[] };
    expect(ljubljanaMoscow.since).toBe("2000-05-22");
    expect(ljubljanaMoscow.sources.map((source) => source.document)).toContain("Wikidata");
  });

  it.each([
    ["the WDQS JSON download", "wikidata.json"],
    ["SPARQL JSON results", "wikidata-sparql.json"],
    ["the same CSV", "wikidata.csv"],
  ])("changes nothing when the same statements come again as %s", async (_format, file) => {
    const before = await rowCounts(federation.databases);
    const again = await importWikidata(federation.databases, fixture(file));
    expect(counts(again)).toMatchObject({
      rowsRead: 5,
      rowsImported: 4,
      duplicateRows: 1,
      rejected: [],
      created: { partnerships: 0, cities: 0 },
      merged: { partnerships: 4, cities: 5 },
    });
    expect(await rowCounts(federation.databases)).toEqual(before);
  });

  it("finds a city by its Wikidata item whatever the label calls it", async () => {
    const directory = mkdtempSync(path.join(tmpdir(), "twingraph-wikidata-"));
    const file = path.join(directory, "emona.json");
    // Emona, the Roman town where Ljubljana stands, is a name neither the graph nor the gazetteer
    // knows: only the item Q437 says which place it is
    const result = {
      head: {
        vars: ["city", "cityLabel", "cityCountryCode", "partner", "partnerLabel", "partnerCountryCode"],
      },
      results: {
        bindings: [
          {
            city: { type: "uri", value: "http://www.wikidata.org/entity/Q437" },
            cityLabel: { type: "literal", "xml:lang": "la", value: "Emona" },
            cityCountryCode: { type: "literal", value: "SI" },
            partner: { type: "uri", value: "http://www.wikidata.org/entity/Q1435" },
            partnerLabel: { type: "literal", "xml:lang": "en", value: "Zagreb" },
            partnerCountryCode: { type: "literal", value: "HR" },
          },
        ],
      },
    };
    writeFileSync(file, JSON.stringify(result));
    const again = await importWikidata(federation.databases, file);
    expect(again.created).toEqual({ partnerships: 0, cities: 0 });
    const data = await query(federation, `{ city(id: "si-ljubljana") { aliases { name } } }`);
    expect(data.city).toEqual({ aliases: expect.arrayContaining([{ name: "Emona" }]) });
  });

  it("rejects unusable rows with their line and reason and imports the good ones", async () => {
    const mixed = await importWikidata(federation.databases, fixture("wikidata-bad-rows.csv"));
    expect(mixed.rejected).toEqual([
      { row: 3, reason: 'unknown country "YU"' },
      { row: 4, reason: "Q437 is twinned with itself" },
      { row: 5, reason: "Q1780 (Bratislava) has no country code (P297 of its country)" },
      { row: 6, reason: 'start "in the sixties" is not an ISO year or date (1957, 1957-05 or 1957-05-22)' },
    ]);
    expect(mixed.created.partnerships).toBe(1);
    const data = await query(
      federation,
      `{ partnershipBetween(cityIds: ["si-ljubljana", "rs-belgrade"]) { kind } }`,
    );
    expect(data.partnershipBetween).toEqual({ kind: "TWINNING" });
  });
});

describe("projects import", () => {
  let federation: Federation;
  let report: ProjectsReport;

  beforeAll(async () => {
    federation = await inProcessFederation();
    report = await importProjects(federation.databases, fixture("projects.csv"));
  });
  afterAll(() => federation?.close());

  it("groups the partner rows into projects and reports every row", () => {
    expect(counts(report)).toEqual({
      rowsRead: 6,
      rowsImported: 5,
      duplicateRows: 1,
      rejected: [],
      // Maribor and Graz are new; Kranj, Villach and Velenje the sources' own
      created: { projects: 2, programmes: 1, cities: 2 },
      merged: { projects: 0, programmes: 0, cities: 3 },
    });
  });

  it("shows a project with its programme, sums, dates and partners in their places", async () => {
    const data = await query(
      federation,
      /* GraphQL */ `{
        project(id: "proj-testproj-interreg-v-a-slovenia-austria") {
          acronym title funds start end
          totalBudget { amount currency } euContribution { amount currency }
          programme { name sources { document url } }
          partners { name role city { id name } country { code } }
          sources { document url }
        }
      }`,
    );
    expect(data.project).toEqual({
      acronym: "TESTPROJ",
      title: "Test fixture: first project of the keep.eu import tests",
      funds: ["ERDF"],
      start: "2016-09-01",
      end: "2019-08-31",
      totalBudget: { amount: 1800000, currency: "EUR" },
      euContribution: { amount: 1530000, currency: "EUR" },
      programme: {
        name: "Interreg V-A Slovenia-Austria",
        sources: [{ document: "projects.csv", url: "https://keep.eu/" }],
      },
      partners: [
        {
          name: "TESTPROJ lead partner in Kranj",
          role: "LEAD",
          city: { id: "si-kranj", name: "Kranj" },
          country: { code: "SI" },
        },
        {
          name: "TESTPROJ partner in Villach",
          role: "PARTNER",
          city: { id: "at-villach", name: "Villach" },
          country: { code: "AT" },
        },
        {
          name: "TESTPROJ associated partner in Velenje",
          role: "ASSOCIATED",
          city: { id: "si-velenje", name: "Velenje" },
          country: { code: "SI" },
        },
      ],
      sources: [{ document: "projects.csv", url: "https://keep.eu/" }],
    });
  });

  it("groups a project without an acronym by its title and fills its fields from any of its rows", async () => {
    const data = await query(
      federation,
      /* GraphQL */ `{
        projects(cityId: "at-graz") {
          acronym start end totalBudget { amount } euContribution { amount }
          partners { role city { id } }
        }
      }`,
    );
    expect(data.projects).toEqual([
      {
        acronym: null,
        start: "2017-03-01",
        end: "2019-02-28",
        totalBudget: { amount: 950000 },
        euContribution: { amount: 807500 },
        partners: [
          { role: "LEAD", city: { id: "si-maribor" } },
          { role: "PARTNER", city: { id: "at-graz" } },
        ],
      },
    ]);
  });

  it("changes nothing when the file is imported again", async () => {
    const before = await rowCounts(federation.databases);
    const again = await importProjects(federation.databases, fixture("projects.csv"));
    expect(again.created).toEqual({ projects: 0, programmes: 0, cities: 0 });
    expect(again.merged).toEqual({ projects: 2, programmes: 1, cities: 5 });
    expect(await rowCounts(federation.databases)).toEqual(before);
  });

  it("merges another export's partners into the project, read from keep.eu's own headers", async () => {
    const more = await importProjects(federation.databases, fixture("projects-keep-headers.csv"));
    expect(more.created.projects).toBe(0);
    expect(more.merged.projects).toBe(1);
    const data = await query(
      federation,
      `{ project(id: "proj-testproj-interreg-v-a-slovenia-austria") { partners { name } totalBudget { amount } sources { document } } }`,
    );
    const project = data.project as {
      partners: { name: string }[];
      totalBudget: { amount: number };
      sources: { document: string }[];
    };
    expect(project.partners.map((partner) => partner.name)).toContain("TESTPROJ partner in Klagenfurt");
    expect(project.partners).toHaveLength(4);
    expect(project.totalBudget.amount).toBe(1800000);
    expect(project.sources.map((source) => source.document)).toEqual([
      "projects.csv",
      "projects-keep-headers.csv",
    ]);
  });

  it("completes a project a source described without a programme, and keeps what the source says", async () => {
    // the source document gives City Cooperation's budget, dates and lead partner but no programme;
    // the programme here is test input
    const file = path.join(mkdtempSync(path.join(tmpdir(), "twingraph-projects-")), "city-cooperation.csv");
    writeFileSync(
      file,
      "acronym,title,programme,fund,budget,start,end,partner name,role,city,country\n" +
        ',City Cooperation – Sodelovanje mest,TEST programme (fixture),ERDF,"1.800.000,00 EUR",2008-05-01,,' +
        "EU- Regionalmanagement Oststeiermark,Lead partner,,Austria\n",
    );
    const merged = await importProjects(federation.databases, file);
    expect(merged.created).toEqual({ projects: 0, programmes: 1, cities: 0 });
    expect(merged.merged.projects).toBe(1);
    const data = await query(
      federation,
      `{ project(id: "proj-city-cooperation") { programme { name } start partners { name role } sources { document } } }`,
    );
    const project = data.project as {
      programme: { name: string };
      start: string;
      partners: { name: string; role: string }[];
      sources: { document: string }[];
    };
    expect(project.programme).toEqual({ name: "TEST programme (fixture)" });
    expect(project.start).toBe("2008-05");
    expect(project.partners).toHaveLength(4);
    expect(project.partners[0]).toEqual({ name: "EU- Regionalmanagement Oststeiermark", role: "LEAD" });
    expect(project.sources.map((source) => source.document)).toContain("city-cooperation.csv");
  });

  it("rejects unusable rows with their line and reason and imports the good ones", async () => {
    const mixed = await importProjects(federation.databases, fixture("projects-bad-rows.csv"));
    expect(mixed.rejected).toEqual([
      { row: 3, reason: 'unknown country "Carinthia"' },
      {
        row: 4,
        reason:
          'unknown partner role "Observer" (expected Lead partner/LP, Project partner/PP or Associated)',
      },
      { row: 5, reason: "the budget differs from line 2's" },
      {
        row: 6,
        reason:
          'the budget "1,800" is ambiguous: one "." or "," before three digits may group thousands or mark decimals',
      },
      { row: 7, reason: "the project ends (2016-09-01) before it starts (2019-08-31)" },
      { row: 8, reason: "the partner name is empty" },
    ]);
    expect(mixed.created.projects).toBe(1);
    const data = await query(
      federation,
      `{ projects(cityId: "si-ptuj", first: 100) { acronym partners { name } } }`,
    );
    expect(data.projects).toContainEqual({
      acronym: "TESTROWS",
      partners: [{ name: "TESTROWS lead partner in Ptuj" }],
    });
  });
});

describe("a broken file changes nothing", () => {
  let federation: Federation;
  let directory: string;

  beforeAll(async () => {
    federation = await inProcessFederation();
    directory = mkdtempSync(path.join(tmpdir(), "twingraph-broken-"));
  });
  afterAll(() => federation?.close());

  /** The SPARQL results cut off in the middle of the third binding, as an interrupted download leaves them. */
  const cutOffJson = () => {
    const text = readFileSync(fixture("wikidata-sparql.json"), "utf8");
    const file = path.join(directory, "wikidata-cut-off.json");
    writeFileSync(file, text.slice(0, text.indexOf("Sarajevo") + 4));
    return file;
  };

  it.each([
    [
      "pairs",
      "bad encoding",
      () => fixture("pairs-bad-encoding.csv"),
      /is not UTF-8 text \(first bad byte on line 3\)/,
    ],
    [
      "pairs",
      "missing columns",
      () => fixture("pairs-missing-columns.csv"),
      /lacks the column\(s\) city1, city2/,
    ],
    ["pairs", "a file cut off mid-row", () => fixture("pairs-cut-off.csv"), /ends in the middle of line 3/],
    ["wikidata", "bad encoding", () => fixture("wikidata-bad-encoding.csv"), /is not UTF-8 text/],
    [
      "wikidata",
      "missing columns",
      () => fixture("wikidata-missing-columns.json"),
      /lacks the column\(s\) partnerCountryCode/,
    ],
    [
      "wikidata",
      "a file cut off mid-result",
      cutOffJson,
      /is not valid JSON \(it ends too early: cut off\?\)/,
    ],
    [
      "projects",
      "bad encoding",
      () => fixture("projects-bad-encoding.csv"),
      /is not UTF-8 text \(first bad byte on line 2\)/,
    ],
    [
      "projects",
      "missing columns",
      () => fixture("projects-missing-columns.csv"),
      /lacks the column\(s\) role/,
    ],
    [
      "projects",
      "a file cut off mid-row",
      () => fixture("projects-cut-off.csv"),
      /ends in the middle of line 3/,
    ],
  ] as const)("%s import refuses %s", async (kind, _fault, file, message) => {
    const run = { pairs: importPairs, wikidata: importWikidata, projects: importProjects }[kind];
    const before = await rowCounts(federation.databases);
    const attempt = run(federation.databases, file());
    await expect(attempt).rejects.toThrow(ImportFileError);
    await expect(attempt).rejects.toThrow(message);
    expect(await rowCounts(federation.databases)).toEqual(before);
  });

  it("refuses a CSV whose quoted field never closes", async () => {
    const file = path.join(directory, "open-quote.csv");
    writeFileSync(file, 'city1,country1,city2,country2\nCelje,Slovenia,"Slavonski Brod,Croatia\n');
    const before = await rowCounts(federation.databases);
    await expect(importPairs(federation.databases, file)).rejects.toThrow(/ends inside a quoted field/);
    expect(await rowCounts(federation.databases)).toEqual(before);
  });
});
