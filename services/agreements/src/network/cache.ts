// Network views per database, rebuilt when the agreements database's revision moves on (a seed or
// import in any process advances it after writing), and otherwise shared by every request.

import { WeightedLru } from "@twingraph/kit/http";
import { readRevision } from "@twingraph/kit/subgraph";
import { inScope, NetworkSnapshot, scopeKey, WHOLE_NETWORK } from "@twingraph/network";
import type { DataSource } from "typeorm";
import {
  loadPartnershipRows,
  type PartnershipRecord,
  type PartnershipScope,
  type PartnershipView,
} from "./data";
import { spend } from "./limits";

/**
 * Views kept per revision, by weight (places + links + a fixed share per view): about 15 MB per
 * 44,000 for the world network, so some five world-sized views or thousands of small ones.
 */
const MAX_VIEW_WEIGHT = 250_000;
const VIEW_OVERHEAD = 100;

function viewWeight(view: PartnershipView): number {
  return view.graph.order + view.links.length + VIEW_OVERHEAD;
}

const WHOLE_NETWORK_KEY = scopeKey(WHOLE_NETWORK);

/**
 * CPU nanoseconds to build a view, per partnership in it: a new world-sized filter (25,900
 * partnerships) took about 330 ms of the agreements process's CPU (test/src/most-expensive.ts), and
 * the garbage of the views it displaces more; rounded up.
 */
const BUILD_NANOSECONDS_PER_PARTNERSHIP = 20_000;
/** and to find which partnerships a new filter keeps, per partnership of the network (an upper bound) */
const FILTER_NANOSECONDS_PER_PARTNERSHIP = 500;

type RevisionListener = (revision: number) => void;

class NetworkCache {
  private revision = -1;
  private rows: Promise<PartnershipRecord[]> | undefined;
  private readonly views = new WeightedLru<PartnershipView>(MAX_VIEW_WEIGHT);
  /** the whole network's view, held for the revision: its measures are the ones most asked for */
  private whole: PartnershipView | undefined;
  readonly listeners: RevisionListener[] = [];

  constructor(private readonly db: DataSource) {}

  async view(scope: PartnershipScope): Promise<PartnershipView> {
    const revision = await readRevision(this.db.manager);
    if (revision !== this.revision) {
      this.revision = revision;
      this.rows = loadPartnershipRows(this.db);
      this.views.clear();
      this.whole = undefined;
      for (const listener of this.listeners) listener(revision);
    }
    const rows = this.rows as Promise<PartnershipRecord[]>;
    const loaded = await rows;
    // another request may have found a newer revision meanwhile: this view is not that revision's
    if (this.revision !== revision) return new NetworkSnapshot(loaded, scope, revision);
    const key = scopeKey(scope);
    if (key === WHOLE_NETWORK_KEY) {
      this.whole ??= new NetworkSnapshot(loaded, WHOLE_NETWORK, revision);
      return this.whole;
    }
    let view = this.views.get(key);
    if (!view) view = this.newView(loaded, scope, revision);
    this.views.set(key, view, viewWeight(view));
    return view;
  }

  /**
   * A filter that keeps every partnership is the whole network, whose view and measures are kept;
   * any other view is built at a cost in CPU that comes from the measure budget, so that requests
   * naming many new filters (aliases, batches) cannot hold the process for seconds.
   */
  private newView(loaded: PartnershipRecord[], scope: PartnershipScope, revision: number): PartnershipView {
    const filtering = (loaded.length * FILTER_NANOSECONDS_PER_PARTNERSHIP) / 1e9;
    spend(filtering);
    const kept = loaded.filter((row) => inScope(row, scope));
    if (kept.length === loaded.length) {
      this.whole ??= new NetworkSnapshot(loaded, WHOLE_NETWORK, revision);
      return this.whole;
    }
    spend((kept.length * BUILD_NANOSECONDS_PER_PARTNERSHIP) / 1e9, filtering);
    return new NetworkSnapshot(kept, scope, revision);
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
