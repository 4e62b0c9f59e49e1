// An applied changeset makes the next anonymous answer fresh, across processes: the subgraphs run as
// processes of their own on SQLite files, the gateway with its response cache runs in the test's;
// an anonymous answer is cached, an editor applies a changeset that creates a partnership through
// the gateway (the commit runs in the subgraphs' processes), and the next anonymous answer is a miss
// that counts the new partnership in the network the agreements subgraph rebuilt. Without Redis the
// gateway learns of the commit from the subgraphs' revisions; with Redis (TEST_REDIS_URL), from
// the key the committing processes move on.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CACHE_STATUS_HEADER, startGateway } from "@twingraph/gateway";
import { advanceRedisDataVersion, type RunningServer } from "@twingraph/kit/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Accounts, EditingClient, testAccounts } from "../src/editing/client";
import { stage } from "../src/editing/mutation-calls";
import {
  type SubgraphProcesses,
  seedSqliteDirectory,
  startSubgraphProcesses,
} from "../src/editing/subgraph-processes";
import { testAuth } from "../src/tokens";

const QUERY = /* GraphQL */ `
  query VelenjesPartners {
    network {
      partnershipCount
      edgeCount
    }
    city(id: "si-velenje") {
      partnerships {
        cities {
          id
        }
      }
    }
  }
`;

/** the partnership the changeset creates (createPartnership in test/src/editing/mutation-calls.ts) */
const VELENJE_LUKAVAC = "ba-lukavac si-velenje";

interface Answer {
  cache: string | null;
  partnershipCount: number;
  edgeCount: number;
  /** Velenje's partnerships, each as its places' ids */
  partnerships: string[];
}

function freshAfterAnAppliedChangeset(redisUrl: string | undefined) {
  let directory: string;
  let subgraphs: SubgraphProcesses;
  let gateway: RunningServer;
  let client: EditingClient;
  let accounts: Accounts;

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${gateway.port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  async function ask(): Promise<Answer> {
    const response = await post({ query: QUERY });
    const body = (await response.json()) as {
      data: {
        network: { partnershipCount: number; edgeCount: number };
        city: { partnerships: { cities: { id: string }[] }[] };
      };
    };
    const partnerships = body.data.city.partnerships.map((partnership) =>
      partnership.cities
        .map(({ id }) => id)
        .sort()
        .join(" "),
    );
    return { cache: response.headers.get(CACHE_STATUS_HEADER), ...body.data.network, partnerships };
  }

  beforeAll(async () => {
    directory = mkdtempSync(path.join(tmpdir(), "twingraph-editing-caches-"));
    await seedSqliteDirectory(directory);
    // a version of this run's own keeps out earlier runs' entries
    if (redisUrl) await advanceRedisDataVersion(redisUrl);
    subgraphs = await startSubgraphProcesses(directory, redisUrl ? { REDIS_URL: redisUrl } : {});
    gateway = await startGateway(
      0,
      { responseCache: true, redisUrl, auth: testAuth(), rateLimiter: null, urls: subgraphs.urls },
      "127.0.0.1",
    );
    client = new EditingClient(post);
    accounts = await testAccounts();
  });
  afterAll(async () => {
    await gateway?.close();
    await subgraphs?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it("answers from its cache until an editor applies a changeset, then afresh with the new partnership", async () => {
    const first = await ask();
    expect(first.cache).toBe("miss");
    expect(first.partnerships).not.toContain(VELENJE_LUKAVAC);
    expect((await ask()).cache).toBe("hit");

    const changeset = await client.open(accounts.editor, "Velenje and Lukavac: a partnership of their own");
    await stage(client, accounts.editor, changeset, "createPartnership");
    expect((await client.apply(accounts.editor, changeset)).status, subgraphs.output()).toBe("APPLIED");

    const after = await ask();
    expect(after).toEqual({
      cache: "miss",
      partnershipCount: first.partnershipCount + 1,
      edgeCount: first.edgeCount + 1,
      partnerships: expect.arrayContaining([...first.partnerships, VELENJE_LUKAVAC]),
    });
    expect(after.partnerships).toHaveLength(first.partnerships.length + 1);
    expect((await ask()).cache).toBe("hit");
  });
}

describe("an applied changeset, without Redis: the subgraphs' revisions", () => {
  freshAfterAnAppliedChangeset(undefined);
});

const redisUrl = process.env.TEST_REDIS_URL;
describe.skipIf(!redisUrl)(
  redisUrl
    ? "an applied changeset, with Redis: the key the committing processes move on"
    : "an applied changeset, with Redis: skipped, TEST_REDIS_URL is not set",
  () => {
    freshAfterAnAppliedChangeset(redisUrl);
  },
);
