// One view of the network: the graph of places joined by partnerships in a scope, built once per
// data revision and scope; measures computed on it are kept with it.
import type { SourceRecord } from "@twingraph/kit/text";
import { UndirectedGraph } from "graphology";
import type { PartnershipKind, PartnershipStatus } from "../entities/enums";
import { inScope, type PartnershipRow } from "./data";
import type { NetworkScope } from "./filter";

/** One partnership between two of its places; a partnership of n places gives n(n-1)/2 links. */
export interface NetworkLinkRecord {
  partnershipId: string;
  source: string;
  target: string;
  kind: PartnershipKind;
  status: PartnershipStatus;
  since: string | null;
  until: string | null;
  distanceKm: number | null;
}

interface EdgeAttributes {
  links: NetworkLinkRecord[];
}

export class NetworkSnapshot {
  /** places and the pairs of them that share at least one partnership: what the measures run on */
  readonly graph = new UndirectedGraph<Record<string, never>, EdgeAttributes>();
  readonly links: NetworkLinkRecord[] = [];
  readonly partnerships: PartnershipRow[];
  private readonly memo = new Map<string, unknown>();

  constructor(
    rows: readonly PartnershipRow[],
    readonly scope: NetworkScope,
    readonly revision: number,
  ) {
    this.partnerships = rows.filter((row) => inScope(row, scope));
    for (const partnership of this.partnerships) {
      const places = [...new Set(partnership.cityIds)];
      for (const place of places) this.graph.mergeNode(place);
      for (let i = 0; i < places.length; i += 1)
        for (let j = i + 1; j < places.length; j += 1) this.addLink(partnership, places[i], places[j]);
    }
  }

  private addLink(partnership: PartnershipRow, source: string, target: string): void {
    const link: NetworkLinkRecord = {
      partnershipId: partnership.id,
      source,
      target,
      kind: partnership.kind,
      status: partnership.status,
      since: partnership.since,
      until: partnership.until,
      distanceKm: partnership.cityIds.length === 2 ? partnership.distanceKm : null,
    };
    this.links.push(link);
    const edge = this.graph.edge(source, target);
    if (edge === undefined) this.graph.addEdge(source, target, { links: [link] });
    else this.graph.getEdgeAttributes(edge).links.push(link);
  }

  /** Computes once per snapshot; a second caller while the first computes gets the same promise. */
  memoize<T>(key: string, compute: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, compute());
    return this.memo.get(key) as T;
  }

  /** The documents and data sets the partnerships in view come from, each once. */
  sources(): SourceRecord[] {
    return this.memoize("sources", () => {
      const byDocument = new Map<string, SourceRecord>();
      for (const partnership of this.partnerships)
        for (const source of partnership.sources)
          if (!byDocument.has(source.document))
            byDocument.set(source.document, { document: source.document, url: source.url ?? null });
      return [...byDocument.values()].sort((a, b) => a.document.localeCompare(b.document));
    });
  }
}
