// In-flight deduplication of subgraph fetches: a fetch identical to one still pending (same
// subgraph, query, operation name, variables and account) waits for that one's answer instead of
// being sent. Under load many requests ask the same things at once (one dossier's six fetches, a
// widget's); only one of each goes out.

/** Whether identical pending fetches are merged: SUBGRAPH_DEDUPE=0 turns it off; on by default. */
export function dedupeFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.SUBGRAPH_DEDUPE;
  if (value === undefined || value === "" || value === "1") return true;
  if (value === "0") return false;
  throw new Error(`SUBGRAPH_DEDUPE must be 0 or 1, got "${value}"`);
}

/** Promises by key while they are pending: a second caller with the same key gets the first's. */
export class InFlight<T> {
  private readonly pending = new Map<string, Promise<T>>();

  /** `start()`'s promise, or the pending one started under `key`; `joined` says which. */
  share(key: string, start: () => Promise<T>): { promise: Promise<T>; joined: boolean } {
    const pending = this.pending.get(key);
    if (pending) return { promise: pending, joined: true };
    const promise = start();
    this.pending.set(key, promise);
    const forget = () => this.pending.delete(key);
    promise.then(forget, forget);
    return { promise, joined: false };
  }
}

/**
 * A JSON answer shared by the fetches that waited for it, each given objects of its own: the
 * gateway merges a subgraph's answer into the client's result in place, so two requests must never
 * hold the same objects. The first taker gets the parse already made, later ones parse the text again.
 */
export class OwnCopies {
  private firstTaken = false;

  constructor(
    private readonly text: string,
    private readonly parsed: unknown,
  ) {}

  take(): unknown {
    if (this.firstTaken) return JSON.parse(this.text);
    this.firstTaken = true;
    return this.parsed;
  }
}
