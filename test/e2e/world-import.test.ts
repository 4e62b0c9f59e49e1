// The world twinning file as real bulk data: imported into the source-derived graph, merged with
// what the sources already hold, every unusable row reported, and idempotent. The import is the world
// project's snapshot (see test/src/world-snapshot.ts), made once per run where
// ../shared/data/world-twinnings.csv is present; these tests read its report and query a copy.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defaultWorldFile, importWorldTwinnings, type PairsReport, WORLD_SOURCE } from "@twingraph/seed";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Federation, inProcessFederation } from "../src/harness";
import { openWorldSnapshot, readWorldReport, worldSkipReason } from "../src/world-snapshot";

const snapshot = inject("worldSnapshot");
const title = snapshot
  ? "world twinning import"
  : `world twinning import skipped: ${worldSkipReason(snapshot)}`;

const partnershipCount = (federation: Federation) =>
  federation.databases.agreements
    .query("SELECT count(*) AS n FROM partnership")
    .then((rows) => Number(rows[0].n));

describe.skipIf(!snapshot)(title, () => {
  let federation: Federation;
  let report: PairsReport;

  beforeAll(async () => {
    federation = await openWorldSnapshot(snapshot as string);
    report = await readWorldReport(snapshot as string);
  });
  afterAll(() => federation?.close());

  it("accounts for every row: created, merged, duplicate or rejected with a line and a reason", async () => {
    expect(report.rowsRead).toBe(25917);
    const accounted =
      report.created.partnerships +
      report.merged.partnerships +
      report.duplicateRows +
      report.rejected.length;
    expect(accounted).toBe(report.rowsRead);
    expect(report.rejected.length).toBeLessThan(100);
    for (const rejection of report.rejected) {
      expect(rejection.row).toBeGreaterThan(1);
      expect(rejection.reason).not.toBe("");
    }
    expect(await partnershipCount(federation)).toBe(7 + report.created.partnerships);
  });

  it("keeps Villach–Kranj one partnership with the source document and the world file as sources", async () => {
    const result = await federation.execute(/* GraphQL */ `{
      partnerships(cityId: "si-kranj", first: 100) { id cities { id } }
      partnershipBetween(cityIds: ["at-villach", "si-kranj"]) { kind since sources { document } }
    }`);
    expect(result.errors).toBeUndefined();
    const partnerships = (result.data?.partnerships ?? []) as { cities: { id: string }[] }[];
    const withVillach = partnerships.filter((partnership) =>
      partnership.cities.some((city) => city.id === "at-villach"),
    );
    expect(withVillach).toHaveLength(1);
    expect(result.data?.partnershipBetween).toEqual({
      kind: "TWINNING",
      since: "2008",
      sources: [
        { document: "004_456ee31a02840778.txt" },
        { document: "004_456ee31a02840778.txt" },
        { document: "004_456ee31a02840778.txt" },
        { document: WORLD_SOURCE.document },
      ],
    });
  });

  it("gives the world file's places their coordinates and country", async () => {
    const result = await federation.execute(
      `{ city(id: "si-kranj") { latitude longitude country { code } } }`,
    );
    const city = result.data?.city as { latitude: number; longitude: number };
    expect(city.latitude).toBeCloseTo(46.23, 1);
    expect(city.longitude).toBeCloseTo(14.37, 1);
  });

  it("changes nothing when imported again", async () => {
    const before = await partnershipCount(federation);
    const again = await importWorldTwinnings(federation.databases, defaultWorldFile());
    expect(again.created).toEqual({ partnerships: 0, cities: 0 });
    expect(again.merged.partnerships).toBe(report.created.partnerships + report.merged.partnerships);
    expect(await partnershipCount(federation)).toBe(before);
  });
});

describe("world twinning import of a broken file", () => {
  let federation: Federation;
  let directory: string;
  beforeAll(async () => {
    federation = await inProcessFederation();
    directory = mkdtempSync(path.join(tmpdir(), "twingraph-import-"));
  });
  afterAll(() => federation.close());

  const write = (name: string, text: string) => {
    const file = path.join(directory, name);
    writeFileSync(file, text);
    return file;
  };

  it("refuses a file without the expected columns and changes nothing", async () => {
    const before = await partnershipCount(federation);
    const file = write("columns.csv", "town,state\nKranj,Slovenia\n");
    await expect(importWorldTwinnings(federation.databases, file)).rejects.toThrow(
      /lacks the column\(s\) city1/,
    );
    expect(await partnershipCount(federation)).toBe(before);
  });

  it("refuses a file cut off inside a quoted field and changes nothing", async () => {
    const before = await partnershipCount(federation);
    const header = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n";
    const file = write("cut.csv", `${header}Testtown,Slovenia,46,14,"Othertown, Upper`);
    await expect(importWorldTwinnings(federation.databases, file)).rejects.toThrow(
      /ends inside a quoted field/,
    );
    expect(await partnershipCount(federation)).toBe(before);
  });

  it("reports rows with an unknown country by line and imports the good ones", async () => {
    const header = "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n";
    const file = write(
      "mixed.csv",
      `${header}Testtown,Slovenia,46,14,Othertown,Austria,47,15\nTesttown,Atlantis,46,14,Othertown,Austria,47,15\n`,
    );
    const result = await importWorldTwinnings(federation.databases, file);
    expect(result.created.partnerships).toBe(1);
    expect(result.rejected).toEqual([{ row: 3, reason: 'unknown country "Atlantis"' }]);
    const found = await federation.execute(
      `{ partnershipBetween(cityIds: ["si-testtown", "at-othertown"]) { kind } }`,
    );
    expect(found.data?.partnershipBetween).toEqual({ kind: "TWINNING" });
  });
});
