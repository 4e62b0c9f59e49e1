// The version of the graph's data, which every seed and import moves on and by which the gateway
// keys its cached answers: a changed version makes the next answer fresh. A file in the data
// directory serves every process on one machine; with REDIS_URL, a Redis key serves every gateway
// that shares that Redis.
import { randomUUID } from "node:crypto";
import { mkdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Redis } from "ioredis";
import { defaultDataDir } from "./data-dir";
import { openRedis } from "./redis";

export interface DataVersion {
  /** changes whenever the data does; null when it cannot be known (then nothing may be cached) */
  current(): Promise<string | null>;
  advance(): Promise<void>;
  close(): Promise<void>;
}

export const DATA_VERSION_FILE = "data-version";

/**
 * A file replaced on every change: its inode and modification time are the version, so reading it
 * is one stat call per request.
 */
export class FileDataVersion implements DataVersion {
  constructor(readonly file: string) {}

  async current(): Promise<string> {
    const stats = statSync(this.file, { bigint: true, throwIfNoEntry: false });
    return stats ? `${stats.ino}.${stats.mtimeNs}` : "none";
  }

  async advance(): Promise<void> {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${randomUUID()}\n`);
    renameSync(temporary, this.file);
  }

  async close(): Promise<void> {}
}

const REDIS_KEY = "data-version";

export class RedisDataVersion implements DataVersion {
  /** `owned`: close() disconnects the client; a client shared with a cache is closed by its owner */
  constructor(
    private readonly redis: Redis,
    private readonly owned: boolean,
  ) {}

  async current(): Promise<string | null> {
    try {
      return (await this.redis.get(REDIS_KEY)) ?? "0";
    } catch {
      return null;
    }
  }

  async advance(): Promise<void> {
    await this.redis.incr(REDIS_KEY);
  }

  async close(): Promise<void> {
    if (this.owned) this.redis.disconnect();
  }
}

/** Several versions read as one, so a writer that knows only the file still reaches a Redis gateway. */
class CombinedDataVersion implements DataVersion {
  constructor(private readonly parts: readonly DataVersion[]) {}

  async current(): Promise<string | null> {
    const versions = await Promise.all(this.parts.map((part) => part.current()));
    return versions.includes(null) ? null : versions.join("/");
  }

  async advance(): Promise<void> {
    await Promise.all(this.parts.map((part) => part.advance()));
  }

  async close(): Promise<void> {
    await Promise.all(this.parts.map((part) => part.close()));
  }
}

/** The file in TWINGRAPH_DATA_DIR (or .data/), and the Redis key too when REDIS_URL is set. */
export function dataVersionFromEnv(redis?: Redis): DataVersion {
  const file = new FileDataVersion(path.join(defaultDataDir(), DATA_VERSION_FILE));
  const redisUrl = process.env.REDIS_URL;
  if (!redis && !redisUrl) return file;
  const version = redis
    ? new RedisDataVersion(redis, false)
    : new RedisDataVersion(openRedis(redisUrl as string), true);
  return new CombinedDataVersion([file, version]);
}
