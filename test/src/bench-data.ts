// The data side of `npm run bench`, in this process: importing the world file into file databases,
// whole-network measures through the gateway, and every export format. Reported as time and rows,
// links or edges per second.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ApolloServer, BaseContext } from "@apollo/server";
import { warmNetwork } from "@twingraph/agreements";
import { fetchNetwork, formatNetwork, NETWORK_FORMATS } from "@twingraph/gateway";
import {
  closeDatabases,
  defaultWorldFile,
  importWorldTwinnings,
  loadSources,
  openDatabases,
} from "@twingraph/seed";
import { type Federation, inProcessFederation } from "./harness";

export interface DataFigure {
  name: string;
  seconds: number;
  count: number;
  unit: string;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, (performance.now() - started) / 1000];
}

async function importFigures(worldFile: string): Promise<DataFigure[]> {
  const databases = await openDatabases({
    dataDir: mkdtempSync(path.join(tmpdir(), "twingraph-bench-import-")),
  });
  try {
    await loadSources(databases);
    const [report, seconds] = await timed(() => importWorldTwinnings(databases, worldFile));
    // each import measures the partnerships' distances after writing (writeGraph)
    const [, again] = await timed(() => importWorldTwinnings(databases, worldFile));
    return [
      { name: "import world file (SQLite files)", seconds, count: report.rowsRead, unit: "rows" },
      { name: "import it again (changes nothing)", seconds: again, count: report.rowsRead, unit: "rows" },
    ];
  } finally {
    await closeDatabases(databases);
  }
}

async function networkFigures(federation: Federation): Promise<DataFigure[]> {
  const figures: DataFigure[] = [];
  let edges = 0;
  const measure = async (name: string, query: string) => {
    const [result, seconds] = await timed(() => federation.execute(query));
    if (result.errors) throw new Error(`${name} failed: ${JSON.stringify(result.errors)}`);
    edges ||= (result.data as { network: { edgeCount: number } }).network.edgeCount;
    figures.push({ name, seconds, count: edges, unit: "links" });
  };
  await measure("network view (first query: reads it all)", "{ network { edgeCount } }");
  await measure("degree ranking", "{ network { ranking(by: DEGREE) { rank } } }");
  await measure("components", "{ network { components { count } } }");
  await measure("Louvain communities", "{ network { communities { count } } }");
  await measure("country matrix", "{ network { countryMatrix { partnerships } } }");
  await measure(
    "shortest chain Kranj–Kragujevac",
    '{ network { path(from: "si-kranj", to: "rs-kragujevac") { length } } }',
  );
  // reads never start a whole-network computation: the subgraph computes both measures per revision
  const [, warming] = await timed(() => warmNetwork(federation.databases.agreements, () => undefined));
  figures.push({
    name: "closeness and betweenness (whole network, background)",
    seconds: warming,
    count: edges,
    unit: "links",
  });
  await measure("betweenness ranking (stored)", "{ network { ranking(by: BETWEENNESS) { rank } } }");
  return figures;
}

async function exportFigures(federation: Federation): Promise<DataFigure[]> {
  const gateway = federation.gateway as ApolloServer<BaseContext>;
  const [data, fetching] = await timed(() => fetchNetwork(gateway, {}));
  const figures: DataFigure[] = [
    { name: "export: read network via gateway", seconds: fetching, count: data.edges.length, unit: "edges" },
  ];
  for (const format of NETWORK_FORMATS) {
    const [, seconds] = await timed(async () => formatNetwork(format, data));
    const nodesOnly = format === "nodes.csv";
    figures.push({
      name: `export: write ${format}`,
      seconds,
      count: nodesOnly ? data.nodes.length : data.edges.length,
      unit: nodesOnly ? "nodes" : "edges",
    });
  }
  return figures;
}

export async function dataFigures(): Promise<DataFigure[] | null> {
  const worldFile = defaultWorldFile();
  if (!existsSync(worldFile)) return null;
  const figures = await importFigures(worldFile);
  const federation = await inProcessFederation();
  try {
    await importWorldTwinnings(federation.databases, worldFile);
    figures.push(...(await networkFigures(federation)), ...(await exportFigures(federation)));
  } finally {
    await federation.close();
  }
  return figures;
}

export function printDataFigures(figures: DataFigure[]): void {
  console.log("data work                              seconds      per second");
  for (const figure of figures) {
    const rate = figure.count / figure.seconds;
    console.log(
      `${figure.name.padEnd(38)} ${figure.seconds.toFixed(2).padStart(7)}   ${rate.toFixed(0).padStart(9)} ${figure.unit}/s`,
    );
  }
}
