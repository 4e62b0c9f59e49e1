// The partnerships as the network sees them: one row each, with its places in order, loaded from
// this subgraph's database for @twingraph/network to build views from. Deprecated ones are no part
// of it.
import { RecordRank } from "@twingraph/kit/subgraph";
import type { NetworkLinkRecord, NetworkScope, NetworkSnapshot, PartnershipRow } from "@twingraph/network";
import type { DataSource } from "typeorm";
import type { PartnershipKind, PartnershipStatus } from "../entities/enums";
import { Partnership } from "../entities/partnership.entity";
import { partnershipMembers } from "../ingest";

export type PartnershipRecord = PartnershipRow<PartnershipKind, PartnershipStatus>;
export type PartnershipScope = NetworkScope<PartnershipKind, PartnershipStatus>;
export type PartnershipView = NetworkSnapshot<PartnershipKind, PartnershipStatus>;
export type PartnershipLink = NetworkLinkRecord<PartnershipKind, PartnershipStatus>;

export async function loadPartnershipRows(db: DataSource): Promise<PartnershipRecord[]> {
  const rows = await db.getRepository(Partnership).find({
    select: { id: true, kind: true, status: true, since: true, until: true, distanceKm: true, sources: true },
    where: { rank: RecordRank.NORMAL },
    order: { id: "ASC" },
  });
  const members = new Map(
    (await partnershipMembers(db.manager)).map((partnership) => [partnership.id, partnership.cityIds]),
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    status: row.status,
    since: row.since,
    until: row.until,
    distanceKm: row.distanceKm,
    sources: row.sources,
    cityIds: members.get(row.id) ?? [],
  }));
}
