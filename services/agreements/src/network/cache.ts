// Network views per database, rebuilt when the agreements database's revision moves on (a seed or
// import in any process advances it after writing), and otherwise shared by every request.

import { readRevision } from "@twingraph/kit/subgraph";
import { NetworkSnapshot, scopeKey } from "@twingraph/network";
import type { DataSource } from "typeorm";
import {
  loadPartnershipRows,
  type PartnershipRecord,
  type PartnershipScope,
  type PartnershipView,
} from "./data";
import { WeightedLru } from "./lru";

/**
 * Views kept per revision, by weight (places + links + a fixed share per view): about 15 MB per
 * 44,000 for the world network, so some five world-sized views or thousands of small ones.
 */
const MAX_VIEW_WEIGHT = 250_000;
const VIEW_OVERHEAD = 100;

function viewWeight(view: PartnershipView): number {
  return view.graph.order + view.links.length + VIEW_OVERHEAD;
}

type RevisionListener = (revision: number) => void;

class NetworkCache {
  private revision = -1;
  private rows: Promise<PartnershipRecord[]> | undefined;
  private readonly views = new WeightedLru<PartnershipView>(MAX_VIEW_WEIGHT);
  readonly listeners: RevisionListener[] = [];

  constructor(private readonly db: DataSource) {}

  async view(scope: PartnershipScope): Promise<PartnershipView> {
    const revision = await readRevision(this.db.manager);
    if (revision !== this.revision) {
      this.revision = revision;
      this.rows = loadPartnershipRows(this.db);
      this.views.clear();
      for (const listener of this.listeners) listener(revision);
    }
    const rows = this.rows as Promise<PartnershipRecord[]>;
    const loaded = await rows;
    // another request may have found a newer revision meanwhile: this view is not that revision's
    if (this.revision !== revision) return new NetworkSnapshot(loaded, scope, revision);
    const key = scopeKey(scope);
    let view = this.views.get(key);
    if (!view) {
      view = new NetworkSnapshot(loaded, scope, revision);
      this.views.set(key, view, viewWeight(view));
    }
    return view;
  }
}

const caches = new WeakMap<DataSource, NetworkCache>();

function cacheOf(db: DataSource): NetworkCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new NetworkCache(db);
    caches.set(db, cache);
  }
  return cache;
}

export function networkView(db: DataSource, scope: PartnershipScope): Promise<PartnershipView> {
  return cacheOf(db).view(scope);
}

/** Calls `listener` whenever a read of `db`'s network finds a new data revision (the first one too). */
export function onNewRevision(db: DataSource, listener: RevisionListener): void {
  cacheOf(db).listeners.push(listener);
}
