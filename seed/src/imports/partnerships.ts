// What the pairs and Wikidata imports share: pairs of resolved places become TWINNING partnerships.
// A pair the graph holds gains the file's source and the dates it lacked; a pair named again in the
// file is a duplicate row; the cities are written first, then the partnerships, one transaction each.
import {
  memberKey,
  type PartnershipInput,
  PartnershipKind,
  PartnershipStatus,
  partnershipsByMembers,
  upsertPartnerships,
} from "@twingraph/agreements";
import { upsertCities } from "@twingraph/cities";
import type { SourceRecord } from "@twingraph/kit/text";
import type { Databases } from "../databases";
import { type Place, PlaceResolver, RowError } from "../places";
import type { GraphWriter } from "../write-graph";
import { type ImportReport, type Progress, type RowOutcome, writeInSteps } from "./import-report";

export type PartnershipRecords = "partnerships" | "cities";

export interface PairDates {
  since?: string | null;
  until?: string | null;
}

export class PartnershipCollector {
  private readonly pairs = new Map<string, PartnershipInput>();
  private readonly existing = new Set<string>();

  private constructor(
    readonly places: PlaceResolver,
    private readonly knownPairs: ReadonlyMap<string, string>,
  ) {}

  static async open(databases: Databases): Promise<PartnershipCollector> {
    const places = await PlaceResolver.open(databases.cities.manager);
    return new PartnershipCollector(places, await partnershipsByMembers(databases.agreements.manager));
  }

  /** A twinning of two places; a pair named before in this file is a duplicate and fills what it lacked. */
  add(first: Place, second: Place, dates: PairDates, source: SourceRecord): RowOutcome {
    if (first.id === second.id) throw new RowError(`both sides are the same place (${first.id})`);
    const key = memberKey([first.id, second.id]);
    const earlier = this.pairs.get(key);
    if (earlier) {
      earlier.since ??= dates.since ?? null;
      earlier.until ??= dates.until ?? null;
      earlier.status = statusOf(earlier.until);
      return "duplicate";
    }
    const existingId = this.knownPairs.get(key);
    if (existingId) this.existing.add(existingId);
    const id = existingId ?? `p-${[first.id, second.id].sort().join("--")}`;
    this.pairs.set(key, {
      id,
      kind: PartnershipKind.TWINNING,
      status: statusOf(dates.until),
      cityIds: [first.id, second.id],
      since: dates.since ?? null,
      until: dates.until ?? null,
      sources: [source],
    });
    return "imported";
  }

  /** Writes what the rows said and completes the report's counts. */
  async write(
    writer: GraphWriter,
    report: ImportReport<PartnershipRecords>,
    progress: Progress,
  ): Promise<void> {
    const partnerships = [...this.pairs.values()];
    report.created.partnerships = partnerships.filter((pair) => !this.existing.has(pair.id)).length;
    report.merged.partnerships = this.existing.size;
    report.created.cities = this.places.created;
    report.merged.cities = this.places.matched;
    report.gazetteer = this.places.report;
    await writer.write("cities", (manager) =>
      writeInSteps(this.places.inputs(), (batch) => upsertCities(manager, batch), "cities", progress),
    );
    await writer.write("agreements", (manager) =>
      writeInSteps(partnerships, (batch) => upsertPartnerships(manager, batch), "partnerships", progress),
    );
  }
}

/** An end date says the partnership ended; without one, a list of twinnings says nothing of its state. */
function statusOf(until: string | null | undefined): PartnershipStatus {
  return until ? PartnershipStatus.ENDED : PartnershipStatus.UNKNOWN;
}
