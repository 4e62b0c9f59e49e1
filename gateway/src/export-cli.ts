// `npm run export -- <format> [--country SI] [--domestic] [--kinds TWINNING,FRIENDSHIP]
// [--statuses ACTIVE] [--from 1990] [--to 2000] [--out file]`: the network as a file, read from the
// local databases through an in-process gateway (no running stack needed).
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { DataSource } from "typeorm";
import { readSupergraph } from "./compose";
import { formatNetwork, isNetworkFormat, NETWORK_FORMATS } from "./export";
import { fetchNetwork, filterFromParameters } from "./export/network-query";
import { createGatewayServer, type LocalSubgraph } from "./gateway";
import { SUBGRAPHS } from "./subgraphs";

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
  const databases: DataSource[] = [];
  const local: Record<string, LocalSubgraph> = {};
  for (const subgraph of SUBGRAPHS) {
    const db = await subgraph.open();
    databases.push(db);
    local[subgraph.name] = { schema: (await subgraph.build()).schema, db };
  }
  const gateway = createGatewayServer({ supergraphSdl: readSupergraph(), local });
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
    await Promise.all(databases.map((db) => db.destroy()));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
