// `npm run export -- <format> [--country SI] [--domestic] [--kinds TWINNING,FRIENDSHIP]
// [--statuses ACTIVE] [--from 1990] [--to 2000] [--out file]`: the network as a file, read from the
// local databases through a gateway whose subgraphs run in this process (no running stack needed).
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  createGatewayServer,
  fetchNetwork,
  filterFromParameters,
  formatNetwork,
  isNetworkFormat,
  NETWORK_FORMATS,
  readSupergraph,
} from "@twingraph/gateway";
import { loadSubgraphs } from "@twingraph/kit/subgraph";
import type { DataSource } from "typeorm";
import { inProcessDataSources } from "./in-process";

const USAGE = `usage: npm run export -- <format> [--country SI] [--domestic] [--kinds TWINNING,FRIENDSHIP] [--statuses ACTIVE] [--from 1990] [--to 2000] [--out file]
  formats: ${NETWORK_FORMATS.join(", ")}; without --out the file goes to standard output`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      country: { type: "string" },
      domestic: { type: "boolean" },
      kinds: { type: "string" },
      statuses: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      out: { type: "string" },
    },
  });
  const [format] = positionals;
  if (positionals.length !== 1 || !isNetworkFormat(format)) throw new Error(USAGE);
  const { out, domestic, ...rest } = values;
  const parameters = new URLSearchParams(
    Object.entries({ ...rest, ...(domestic ? { domestic: "true" } : {}) }).flatMap(
      ([key, value]): [string, string][] => (value === undefined ? [] : [[key, String(value)]]),
    ),
  );
  const filter = filterFromParameters(parameters);
  const subgraphs = await loadSubgraphs();
  const databases: Record<string, DataSource> = Object.fromEntries(
    await Promise.all(subgraphs.map(async ({ name, module }) => [name, await module.open()] as const)),
  );
  const gateway = createGatewayServer({
    supergraphSdl: readSupergraph(),
    dataSources: await inProcessDataSources(subgraphs, databases),
  });
  await gateway.start();
  try {
    const started = Date.now();
    const data = await fetchNetwork(gateway, filter);
    const file = formatNetwork(format, data);
    if (out) writeFileSync(out, file.body);
    else process.stdout.write(file.body);
    console.error(
      `${file.fileName}: ${data.nodes.length} places, ${data.edges.length} links (${data.description}) in ${Date.now() - started} ms${out ? ` -> ${out}` : ""}`,
    );
  } finally {
    await gateway.stop();
    await Promise.all(Object.values(databases).map((db) => db.destroy()));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
