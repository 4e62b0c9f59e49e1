// The seed is a transcription, not an invention: every quoted passage occurs verbatim in the document
// it names, every reference points at a record that exists, and loading twice changes nothing.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sourceBundles } from "../src/data";
import type { SeedSource, SourceBundle } from "../src/data/types";

const SOURCES = path.resolve(__dirname, "../../../shared/sources");
const collapse = (text: string) => text.replace(/\s+/g, " ").trim();

function allSources(bundle: SourceBundle): SeedSource[] {
  const records = [
    ...bundle.cities,
    ...bundle.partnerships,
    ...bundle.agreements,
    ...bundle.programmes,
    ...bundle.projects,
    ...bundle.news,
    ...bundle.visits,
    ...bundle.events,
  ];
  return records.flatMap((record) => record.sources);
}

describe("seed data", () => {
  const hasSources = existsSync(SOURCES);
  const quoteTest = hasSources
    ? "quotes every passage verbatim from its document"
    : "quote check skipped: ../shared/sources is absent";
  it.skipIf(!hasSources)(quoteTest, () => {
    const missing: string[] = [];
    for (const bundle of sourceBundles) {
      const text = collapse(readFileSync(path.join(SOURCES, bundle.document), "utf8"));
      for (const source of allSources(bundle)) {
        expect(source.document).toBe(bundle.document);
        if (!text.includes(collapse(source.quote))) missing.push(`${bundle.document}: ${source.quote}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("gives every record at least one source", () => {
    for (const bundle of sourceBundles) {
      const records = [...bundle.cities, ...bundle.partnerships, ...bundle.agreements, ...bundle.projects];
      for (const record of [
        ...records,
        ...bundle.news,
        ...bundle.visits,
        ...bundle.events,
        ...bundle.programmes,
      ]) {
        expect(record.sources.length, record.id).toBeGreaterThan(0);
      }
    }
  });

  it("refers only to cities, partnerships, agreements, projects and news that exist", () => {
    const cities = new Set(sourceBundles.flatMap((bundle) => bundle.cities.map((city) => city.id)));
    const ids = new Set(
      sourceBundles.flatMap((bundle) => [
        ...bundle.partnerships.map((record) => record.id),
        ...bundle.agreements.map((record) => record.id),
        ...bundle.programmes.map((record) => record.id),
        ...bundle.projects.map((record) => record.id),
        ...bundle.news.map((record) => record.id),
      ]),
    );
    const cityRefs = sourceBundles.flatMap((bundle) => [
      ...bundle.partnerships.flatMap((record) => record.cityIds),
      ...bundle.agreements.flatMap((record) => [
        ...record.parties.flatMap((party) => (party.cityId ? [party.cityId] : [])),
        ...(record.signedAtCityId ? [record.signedAtCityId] : []),
      ]),
      ...bundle.projects.flatMap((record) => [
        ...record.cityIds,
        ...record.partners.flatMap((partner) => (partner.cityId ? [partner.cityId] : [])),
      ]),
      ...bundle.news.flatMap((record) => record.cityIds),
      ...bundle.visits.flatMap((record) => [record.hostCityId, ...record.visitorCityIds]),
      ...bundle.events.flatMap((record) => [
        ...record.cityIds,
        ...(record.placeCityId ? [record.placeCityId] : []),
      ]),
    ]);
    expect(cityRefs.filter((id) => !cities.has(id))).toEqual([]);
    const otherRefs = sourceBundles.flatMap((bundle) => [
      ...bundle.agreements.flatMap((record) => [record.partnershipId, record.basedOnId]),
      ...bundle.projects.map((record) => record.programmeId),
      ...bundle.news.flatMap((record) => record.projectIds),
      ...bundle.visits.map((record) => record.newsItemId),
      ...bundle.events.flatMap((record) => [record.projectId, record.agreementId]),
    ]);
    expect(otherRefs.filter((id): id is string => id !== undefined && !ids.has(id))).toEqual([]);
  });
});
