// One view of the network: the graph of places joined by partnerships in a scope, built once per
// data revision and scope; measures computed on it are kept with it.
import { UndirectedGraph } from "graphology";
import type { PartnershipRow } from "./partnership";
import { inScope, type NetworkScope } from "./scope";

/** One partnership between two of its places; a partnership of n places gives n(n-1)/2 links. */
export interface NetworkLinkRecord<Kind extends string = string, Status extends string = string> {
  partnershipId: string;
  source: string;
  target: string;
  kind: Kind;
  status: Status;
  since: string | null;
  until: string | null;
  distanceKm: number | null;
}

interface EdgeAttributes<Kind extends string, Status extends string> {
  links: NetworkLinkRecord<Kind, Status>[];
}

export interface DocumentRef {
  document: string;
  url: string | null;
}

export class NetworkSnapshot<Kind extends string = string, Status extends string = string> {
  /** places and the pairs of them that share at least one partnership: what the measures run on */
  readonly graph = new UndirectedGraph<Record<string, never>, EdgeAttributes<Kind, Status>>();
  readonly links: NetworkLinkRecord<Kind, Status>[] = [];
  readonly partnerships: PartnershipRow<Kind, Status>[];
  private readonly memo = new Map<string, unknown>();

  /** `revision` names the data the rows come from, so that stored measures can tell they still hold. */
  constructor(
    rows: readonly PartnershipRow<Kind, Status>[],
    readonly scope: NetworkScope<Kind, Status>,
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

  private addLink(partnership: PartnershipRow<Kind, Status>, source: string, target: string): void {
    const link: NetworkLinkRecord<Kind, Status> = {
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

  /** Whether `memoize(key, …)` has computed already: a caller may refuse only work still to do. */
  memoized(key: string): boolean {
    return this.memo.has(key);
  }

  /** The documents and data sets the partnerships in view come from, each once. */
  sources(): DocumentRef[] {
    return this.memoize("sources", () => {
      const byDocument = new Map<string, DocumentRef>();
      for (const partnership of this.partnerships)
        for (const source of partnership.sources)
          if (!byDocument.has(source.document))
            byDocument.set(source.document, { document: source.document, url: source.url ?? null });
      return [...byDocument.values()].sort((a, b) => a.document.localeCompare(b.document));
    });
  }
}
