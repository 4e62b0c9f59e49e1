// The data version as the response cache needs it, in two kinds. To serve a cached answer it needs a
// reading taken after the request arrived (fresh), or a write that finished before the request could
// go unseen. To store an answer it needs only a reading that ended before the answer's data was
// read: the data is then at least as new as that version, so the entry can never be served for a
// later one. The latest reading ended serves that without a round of reads on the request path; it
// is renewed in the background once it is older than `refreshAfterMs`, so that entries are rarely
// kept under a version that has already moved on (which would cost them their first hit, nothing more).
import type { DataVersion } from "./data-version";

/** How old the latest reading may grow before a miss starts a new one, off its path. */
export const VERSION_REFRESH_MS = 1_000;

export class VersionReadings {
  private latest: { version: string | null; endedAt: number } | undefined;
  private refreshing: Promise<string | null> | undefined;

  constructor(
    private readonly dataVersion: DataVersion,
    private readonly refreshAfterMs = VERSION_REFRESH_MS,
  ) {}

  /** A reading taken after this call: what a cached answer must match to be served. */
  fresh(): Promise<string | null> {
    return this.read();
  }

  /**
   * A version no newer than the data that is read after this resolves: the latest reading ended,
   * else a fresh one. null: not known, so nothing may be stored.
   */
  async forStoring(): Promise<string | null> {
    const latest = this.latest;
    if (!latest) return this.read();
    if (performance.now() - latest.endedAt > this.refreshAfterMs && !this.refreshing) {
      this.refreshing = this.read().finally(() => {
        this.refreshing = undefined;
      });
    }
    return latest.version;
  }

  private async read(): Promise<string | null> {
    let version: string | null;
    try {
      version = await this.dataVersion.current();
    } catch {
      version = null;
    }
    this.latest = { version, endedAt: performance.now() };
    return version;
  }
}
