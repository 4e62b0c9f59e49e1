// Loads the source-derived seed into the four subgraph databases, each in one transaction, through
// writeGraph. Upserts by stable id make it idempotent: a second run changes nothing.
import {
  type AgreementKind,
  type PartnershipKind,
  type PartnershipStatus,
  type PartyKind,
  upsertAgreements,
  upsertPartnerships,
} from "@twingraph/agreements";
import { type CityInput, upsertCities } from "@twingraph/cities";
import { upsertEvents, upsertNewsItems, upsertVisits } from "@twingraph/news";
import { type PartnerRole, upsertProgrammes, upsertProjects } from "@twingraph/projects";
import { sourceBundles } from "./data";
import type { SeedCity, SourceBundle } from "./data/types";
import type { Databases } from "./databases";
import { enrichCities } from "./enrich";
import type { GazetteerReport } from "./places";
import { type GraphWriter, type WriteGraphOptions, writeGraph } from "./write-graph";

export interface SeedCounts {
  cities: number;
  partnerships: number;
  agreements: number;
  programmes: number;
  projects: number;
  news: number;
  visits: number;
  events: number;
}

/** One record per city even when several documents name it: aliases and sources accumulate. */
function mergeCities(cities: readonly SeedCity[]): CityInput[] {
  const byId = new Map<string, CityInput>();
  for (const city of cities) {
    const known = byId.get(city.id);
    if (!known) {
      byId.set(city.id, { ...city, aliases: [...city.aliases], sources: [...city.sources] });
      continue;
    }
    known.localName ??= city.localName;
    known.aliases.push(...city.aliases.filter((alias) => !known.aliases.some((a) => a.name === alias.name)));
    known.sources.push(...city.sources);
  }
  return [...byId.values()];
}

export interface SourcesLoaded {
  counts: SeedCounts;
  /** how the source cities fared in the gazetteer: every one should be matched */
  gazetteer: GazetteerReport;
}

/** Loads the sources and runs the steps after a write. */
export function loadSources(
  databases: Databases,
  bundles: readonly SourceBundle[] = sourceBundles,
  options: WriteGraphOptions = {},
): Promise<SourcesLoaded> {
  return writeGraph(databases, (writer) => writeSources(writer, bundles), options);
}

/** The sources' records written through a writer, for seeding that goes on to write more. */
export async function writeSources(
  writer: GraphWriter,
  bundles: readonly SourceBundle[] = sourceBundles,
): Promise<SourcesLoaded> {
  const cities = mergeCities(bundles.flatMap((bundle) => bundle.cities));
  const partnerships = bundles.flatMap((bundle) => bundle.partnerships);
  const agreements = bundles.flatMap((bundle) => bundle.agreements);
  const programmes = bundles.flatMap((bundle) => bundle.programmes);
  const projects = bundles.flatMap((bundle) => bundle.projects);
  const news = bundles.flatMap((bundle) => bundle.news);
  const visits = bundles.flatMap((bundle) => bundle.visits);
  const events = bundles.flatMap((bundle) => bundle.events);

  await writer.write("cities", (manager) => upsertCities(manager, cities));
  await writer.write("agreements", async (manager) => {
    await upsertPartnerships(
      manager,
      partnerships.map((partnership) => ({
        ...partnership,
        kind: partnership.kind as PartnershipKind,
        status: partnership.status as PartnershipStatus,
      })),
    );
    await upsertAgreements(
      manager,
      agreements.map((agreement) => ({
        ...agreement,
        kind: agreement.kind as AgreementKind,
        parties: agreement.parties.map((party) => ({ ...party, kind: party.kind as PartyKind })),
      })),
    );
  });
  await writer.write("projects", async (manager) => {
    await upsertProgrammes(manager, programmes);
    await upsertProjects(
      manager,
      projects.map((project) => ({
        ...project,
        partners: project.partners.map((partner) => ({ ...partner, role: partner.role as PartnerRole })),
      })),
    );
  });
  await writer.write("news", async (manager) => {
    await upsertNewsItems(manager, news);
    await upsertVisits(manager, visits);
    await upsertEvents(manager, events);
  });
  const gazetteer = await enrichCities(writer);
  const counts = {
    cities: cities.length,
    partnerships: partnerships.length,
    agreements: agreements.length,
    programmes: programmes.length,
    projects: projects.length,
    news: news.length,
    visits: visits.length,
    events: events.length,
  };
  return { counts, gazetteer };
}
