// Network views per database, rebuilt when the partnerships' revision moves on (an import or seed in
// any process advances it), and otherwise shared by every request.
import type { DataSource } from "typeorm";
import { partnershipsRevision } from "../store";
import { loadPartnershipRows, type PartnershipRow } from "./data";
import { type NetworkScope, scopeKey } from "./filter";
import { NetworkSnapshot } from "./snapshot";

/** Views kept per revision; the least recently used goes first. */
const MAX_VIEWS = 32;

class NetworkCache {
  private revision = -1;
  private rows: Promise<PartnershipRow[]> | undefined;
  private readonly views = new Map<string, Promise<NetworkSnapshot>>();

  constructor(private readonly db: DataSource) {}

  async view(scope: NetworkScope): Promise<NetworkSnapshot> {
    const revision = await partnershipsRevision(this.db.manager);
    if (revision !== this.revision) {
      this.revision = revision;
      this.rows = loadPartnershipRows(this.db);
      this.views.clear();
    }
    const key = scopeKey(scope);
    let view = this.views.get(key);
    if (view) this.views.delete(key);
    else {
      const rows = this.rows as Promise<PartnershipRow[]>;
      view = rows.then((loaded) => new NetworkSnapshot(loaded, scope, revision));
    }
    this.views.set(key, view);
    if (this.views.size > MAX_VIEWS) this.views.delete(this.views.keys().next().value as string);
    return view;
  }
}

const caches = new WeakMap<DataSource, NetworkCache>();

export function networkView(db: DataSource, scope: NetworkScope): Promise<NetworkSnapshot> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new NetworkCache(db);
    caches.set(db, cache);
  }
  return cache.view(scope);
}
