// The revoked accounts in Redis, shared by every gateway on it: a hash of subject → revocation (JSON),
// and a channel on which a revoking gateway tells the others to read the hash again. Each gateway
// reads it when its subscription (re)connects, since a message sent while it was away is lost, so a
// revocation reaches every replica within a round trip. While Redis is away a gateway keeps the copy
// it has; one that has not read the hash once since it started refuses tokens (503) rather than
// let revoked ones in, after waiting briefly for the first read.
import { logger, openRedis } from "@twingraph/kit/http";
import {
  isRevocation,
  type Revocation,
  RevocationCopy,
  type RevocationList,
  revocationsUnavailable,
} from "./revocations";

/** `twingraph:revocations` with the client's key prefix */
const HASH_KEY = "revocations";
/** channels take no key prefix */
const CHANNEL = "twingraph:revocations";
/** How long a request waits for a gateway's first read of the hash before it is refused. */
export const FIRST_READ_WAIT_MS = 2_000;

export function redisRevocationList(url: string): RevocationList {
  const redis = openRedis(url);
  // a subscribed connection can do nothing else, so the messages come on a second one
  const subscriber = openRedis(url);
  const copy = new RevocationCopy();
  const firstRead = deferred();
  let read = false;
  const readHash = async () => {
    copy.replace(parseHash(await redis.hgetall(HASH_KEY)));
    read = true;
    firstRead.resolve();
  };
  const readQuietly = () =>
    readHash().catch((error: Error) =>
      logger.warn({ err: error }, "revocations: Redis cannot be read; the gateway keeps its last copy"),
    );
  subscriber.on("ready", readQuietly);
  subscriber.on("message", readQuietly);
  subscriber.subscribe(CHANNEL).catch(() => {
    // subscribed again when the connection comes back
  });
  return {
    async revokedAt(subject) {
      if (!read) await waitFor(firstRead.promise, FIRST_READ_WAIT_MS);
      if (!read) throw revocationsUnavailable("Redis has not answered since this gateway started");
      return copy.revokedAt(subject);
    },
    async revoke(revocation) {
      try {
        const results = await redis
          .multi()
          .hset(HASH_KEY, revocation.subject, JSON.stringify(revocation))
          .publish(CHANNEL, revocation.subject)
          .exec();
        const failed = results?.find(([error]) => error)?.[0];
        if (failed) throw failed;
        // on the same connection, after the write: this gateway refuses the account's tokens at once
        await readHash();
      } catch (error) {
        throw revocationsUnavailable(`Redis: ${(error as Error).message}`);
      }
    },
    async list() {
      try {
        await readHash();
      } catch (error) {
        throw revocationsUnavailable(`Redis: ${(error as Error).message}`);
      }
      return copy.all();
    },
    async close() {
      firstRead.resolve();
      subscriber.disconnect();
      redis.disconnect();
    },
  };
}

/** The hash's revocations; a field that is not one (written by hand) is left out and logged. */
function parseHash(fields: Record<string, string>): Revocation[] {
  return Object.entries(fields).flatMap(([subject, json]) => {
    let revocation: unknown;
    try {
      revocation = JSON.parse(json);
    } catch {
      revocation = undefined;
    }
    if (isRevocation(revocation) && revocation.subject === subject) return [revocation];
    logger.error(
      { subject },
      `revocations: the field of ${JSON.stringify(subject)} in Redis is no revocation`,
    );
    return [];
  });
}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

async function waitFor(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise((done) => (timer = setTimeout(done, ms)))]);
  clearTimeout(timer);
}
