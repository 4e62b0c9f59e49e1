// Where the gateway keeps the revoked accounts: in Redis when there is one, so that every replica
// refuses a revoked token at once, else in a file of the data directory.
import path from "node:path";
import { defaultDataDir } from "@twingraph/kit/http";
import type { RevocationList } from "./revocations";
import { fileRevocationList } from "./revocations-file";
import { redisRevocationList } from "./revocations-redis";

export function defaultRevocationsFile(): string {
  return path.join(defaultDataDir(), "revocations.json");
}

/** In Redis at `redisUrl` (REDIS_URL) when set, else in `<data dir>/revocations.json`. */
export function revocationListFromEnv(redisUrl = process.env.REDIS_URL || undefined): RevocationList {
  return redisUrl ? redisRevocationList(redisUrl) : fileRevocationList(defaultRevocationsFile());
}
