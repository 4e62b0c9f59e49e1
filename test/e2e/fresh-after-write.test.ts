// A write on one machine makes the next answer fresh on another: a gateway with its response cache
// over subgraphs on SQLite files answers a query from its cache, then the import CLI writes to the
// same files from another process (sharing nothing with the gateway but the databases, and Redis
// where there is one), and the gateway's next answer is fresh. Without Redis the gateway learns of
// the write from the subgraphs' revisions; with Redis (TEST_REDIS_URL), from the key the writer
// increments.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CACHE_STATUS_HEADER } from "@twingraph/gateway";
import { advanceRedisDataVersion } from "@twingraph/kit/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpFederation, httpFederation } from "../src/harness";
import { spawnTypeScript } from "../src/typescript-process";

const ROOT = path.resolve(__dirname, "../..");
const fixture = (name: string) => path.join(ROOT, "test/fixtures/imports", name);

const QUERY = /* GraphQL */ `
  query Partners {
    city(id: "si-velenje") {
      partnerships {
        cities {
          id
        }
      }
    }
  }
`;

/** `npm run import -- <kind> <file>` in a process of its own, from the sources (no build needed). */
function importInAnotherProcess(kind: string, file: string, env: Record<string, string>): Promise<string> {
  const child = spawnTypeScript(path.join(ROOT, "seed/src/import-cli.ts"), [kind, file], {
    env: { ...withoutDatabaseSettings(process.env), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`the import exited with ${code}:\n${output}`)),
    );
  });
}

/** The writer is told where the data is and nothing else the gateway's process knows. */
function withoutDatabaseSettings(env: NodeJS.ProcessEnv): Record<string, string> {
  const { DATABASE_URL: _database, REDIS_URL: _redis, TWINGRAPH_DATA_DIR: _dir, ...rest } = env;
  return rest as Record<string, string>;
}

async function ask(federation: HttpFederation): Promise<{ cache: string | null; partners: string[] }> {
  const response = await federation.post({ query: QUERY });
  const body = (await response.json()) as {
    data: { city: { partnerships: { cities: { id: string }[] }[] } };
  };
  const partners = body.data.city.partnerships.flatMap((partnership) => partnership.cities.map((c) => c.id));
  return { cache: response.headers.get(CACHE_STATUS_HEADER), partners: [...new Set(partners)].sort() };
}

function freshAfterAWriteElsewhere(redisUrl: string | undefined) {
  let federation: HttpFederation;
  let directory: string;

  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), "twingraph-fresh-"));
    federation = await httpFederation({
      sqliteDirectory: directory,
      gateway: { responseCache: true, redisUrl },
    });
    // the harness seeded without REDIS_URL: a version of this run's own keeps out earlier runs' entries
    if (redisUrl) await advanceRedisDataVersion(redisUrl);
  });
  afterAll(async () => {
    await federation?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("answers from its cache until another process imports, then afresh", async () => {
    const first = await ask(federation);
    expect(first.cache).toBe("miss");
    expect(first.partners).not.toContain("de-esslingen-am-neckar");
    expect((await ask(federation)).cache).toBe("hit");

    await importInAnotherProcess("pairs", fixture("pairs-minimal.csv"), {
      TWINGRAPH_DATA_DIR: directory,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    });

    const after = await ask(federation);
    expect(after.cache).toBe("miss");
    expect(after.partners).toContain("de-esslingen-am-neckar");
    expect((await ask(federation)).cache).toBe("hit");
  });
}

describe("a write in another process, without Redis: the subgraphs' revisions", () => {
  freshAfterAWriteElsewhere(undefined);
});

const redisUrl = process.env.TEST_REDIS_URL;
describe.skipIf(!redisUrl)(
  redisUrl
    ? "a write in another process, with Redis: the key the writer increments"
    : "a write in another process, with Redis: skipped, TEST_REDIS_URL is not set",
  () => {
    freshAfterAWriteElsewhere(redisUrl);
  },
);
