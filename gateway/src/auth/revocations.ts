// Accounts whose tokens were revoked: subject → the moment before which its tokens are refused. An
// admin revokes an account (POST /admin/revocations) when a key leaks or a reviewer leaves; tokens
// issued to it afterwards work again. Every gateway keeps a copy in memory, so a request pays no
// lookup; the list itself is kept in Redis (REDIS_URL, shared by the replicas) or in a file.
import { HttpError } from "@twingraph/kit/http";

export interface Revocation {
  /** the account (`sub`) whose tokens are refused */
  subject: string;
  /** ISO time: the account's tokens issued before it are refused */
  revokedAt: string;
  reason: string;
  /** the subject of the admin who revoked them */
  revokedBy: string;
}

export interface RevocationList {
  /**
   * When the account's tokens were last revoked (milliseconds), from this gateway's copy; undefined
   * when never. Rejects with a 503 while the copy could not be read even once.
   */
  revokedAt(subject: string): Promise<number | undefined>;
  /** Stores the revocation (replacing an earlier one of the account) and updates this gateway's copy. */
  revoke(revocation: Revocation): Promise<void>;
  /** Every revocation, newest first, as stored now. */
  list(): Promise<Revocation[]>;
  /** Lets go of connections and file watches. */
  close(): Promise<void>;
}

/** Kept in this process alone, and lost with it: for tests and gateways embedded in a test harness. */
export function memoryRevocationList(): RevocationList {
  const copy = new RevocationCopy();
  return {
    revokedAt: async (subject) => copy.revokedAt(subject),
    async revoke(revocation) {
      copy.replace([...copy.all(), revocation]);
    },
    list: async () => copy.all(),
    async close() {},
  };
}

/** A gateway's copy of the list, the lookup each request makes. */
export class RevocationCopy {
  private bySubject = new Map<string, { revocation: Revocation; at: number }>();

  /** The latest revocation of each account wins. */
  replace(revocations: readonly Revocation[]): void {
    const bySubject = new Map<string, { revocation: Revocation; at: number }>();
    for (const revocation of revocations) {
      const at = Date.parse(revocation.revokedAt);
      const known = bySubject.get(revocation.subject);
      if (!known || known.at < at) bySubject.set(revocation.subject, { revocation, at });
    }
    this.bySubject = bySubject;
  }

  revokedAt(subject: string): number | undefined {
    return this.bySubject.get(subject)?.at;
  }

  /** Newest first. */
  all(): Revocation[] {
    return [...this.bySubject.values()].sort((a, b) => b.at - a.at).map(({ revocation }) => revocation);
  }
}

/** Whether a value read from a file or Redis is a revocation this code wrote. */
export function isRevocation(value: unknown): value is Revocation {
  const { subject, revokedAt, reason, revokedBy } = (value ?? {}) as Partial<
    Record<keyof Revocation, unknown>
  >;
  return (
    typeof subject === "string" &&
    typeof revokedAt === "string" &&
    !Number.isNaN(Date.parse(revokedAt)) &&
    typeof reason === "string" &&
    typeof revokedBy === "string"
  );
}

export function revocationsUnavailable(detail: string): HttpError {
  return new HttpError(
    503,
    "SERVICE_UNAVAILABLE",
    `The list of revoked tokens cannot be read or written now (${detail}); try again shortly.`,
    { "retry-after": "1" },
  );
}
