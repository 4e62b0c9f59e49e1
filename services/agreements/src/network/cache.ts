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

/** Views kept per revision; the least recently used goes first. */
const MAX_VIEWS = 32;

class NetworkCache {
  private revision = -1;
  private rows: Promise<PartnershipRecord[]> | undefined;
  private readonly views = new Map<string, Promise<PartnershipView>>();

  constructor(private readonly db: DataSource) {}

  async view(scope: PartnershipScope): Promise<PartnershipView> {
    const revision = await readRevision(this.db.manager);
    if (revision !== this.revision) {
      this.revision = revision;
      this.rows = loadPartnershipRows(this.db);
      this.views.clear();
    }
    const key = scopeKey(scope);
    let view = this.views.get(key);
    if (view) this.views.delete(key);
    else {
      const rows = this.rows as Promise<PartnershipRecord[]>;
      view = rows.then((loaded) => new NetworkSnapshot(loaded, scope, revision));
    }
    this.views.set(key, view);
    if (this.views.size > MAX_VIEWS) this.views.delete(this.views.keys().next().value as string);
    return view;
  }
}

const caches = new WeakMap<DataSource, NetworkCache>();

export function networkView(db: DataSource, scope: PartnershipScope): Promise<PartnershipView> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new NetworkCache(db);
    caches.set(db, cache);
  }
  return cache.view(scope);
}
