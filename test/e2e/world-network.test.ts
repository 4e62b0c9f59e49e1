// The world network: the world file imported into the source-derived graph, then the researchers'
// questions as golden queries (test/queries/world), coordinates coverage, and the whole network's
// GraphML and GEXF read by NetworkX. Runs on a copy of the world project's snapshot (see
// test/src/world-snapshot.ts), made where ../shared/data/world-twinnings.csv is present.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ApolloServer, BaseContext } from "@apollo/server";
import { fetchNetwork, formatNetwork } from "@twingraph/gateway";
import { WORLD_SOURCE } from "@twingraph/seed";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Federation, goldenAnswers } from "../src/harness";
import { openWorldSnapshot, worldSkipReason } from "../src/world-snapshot";

const snapshot = inject("worldSnapshot");
const QUERIES = path.resolve(__dirname, "../queries/world");
const goldenNames = readdirSync(QUERIES)
  .filter((file) => file.endsWith(".graphql"))
  .map((file) => file.replace(/\.graphql$/, ""));

const python = "/usr/bin/python3";
const networkxAvailable = spawnSync(python, ["-c", "import networkx"]).status === 0;

describe.skipIf(!snapshot)(
  snapshot ? "the world network" : `the world network skipped: ${worldSkipReason(snapshot)}`,
  () => {
    let federation: Federation;
    beforeAll(async () => {
      federation = await openWorldSnapshot(snapshot as string);
    });
    afterAll(() => federation?.close());

    it("gives at least 97% of the world file's places coordinates", async () => {
      const [row] = await federation.databases.cities.query(
        `SELECT count(*) AS total, count(latitude) AS located FROM city WHERE sources LIKE ?`,
        [`%${WORLD_SOURCE.document}%`],
      );
      expect(Number(row.total)).toBeGreaterThan(15_000);
      expect(Number(row.located) / Number(row.total)).toBeGreaterThanOrEqual(0.97);
    });

    it.each(goldenNames)("answers the golden query %s", async (name) => {
      const actual = await goldenAnswers(federation, QUERIES, name);
      const expectedFile = path.join(QUERIES, `${name}.json`);
      if (process.env.UPDATE_GOLDEN === "1")
        writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
      expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, "utf8")));
    });

    it.skipIf(!networkxAvailable)(
      networkxAvailable
        ? "writes the whole network as GraphML and GEXF that NetworkX reads with the graph's counts"
        : "NetworkX check skipped: python3-networkx is missing (apt-get install python3-networkx)",
      async () => {
        const result = await federation.execute(`{ network { nodeCount edgeCount } }`);
        const { nodeCount, edgeCount } = (
          result.data as { network: { nodeCount: number; edgeCount: number } }
        ).network;
        const data = await fetchNetwork(federation.gateway as ApolloServer<BaseContext>, {});
        const directory = mkdtempSync(path.join(tmpdir(), "twingraph-networkx-"));
        const files = ["graphml", "gexf"].map((format) => {
          const file = path.join(directory, `network.${format}`);
          writeFileSync(file, formatNetwork(format as "graphml" | "gexf", data).body);
          return file;
        });
        const script = [
          "import sys, networkx as nx",
          "for reader, file in ((nx.read_graphml, sys.argv[1]), (nx.read_gexf, sys.argv[2])):",
          "    graph = reader(file)",
          "    print(graph.number_of_nodes(), graph.number_of_edges())",
        ].join("\n");
        const run = spawnSync(python, ["-c", script, ...files], { encoding: "utf8" });
        expect(run.stderr).toBe("");
        expect(run.stdout.trim().split("\n")).toEqual([
          `${nodeCount} ${edgeCount}`,
          `${nodeCount} ${edgeCount}`,
        ]);
      },
      120_000,
    );
  },
);
