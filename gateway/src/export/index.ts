// Network exports for the HTTP route and the CLI: one call from a format name to the file's body,
// media type and name.
import { toEdgesCsv, toNodesCsv } from "./csv";
import { toGexf } from "./gexf";
import { toGraphml } from "./graphml";
import { toNodeLinkJson } from "./json";
import type { NetworkData } from "./network-data";

export { creditLine, sourcesText } from "./credits";
export { toEdgesCsv, toNodesCsv } from "./csv";
export { toGexf } from "./gexf";
export { toGraphml } from "./graphml";
export { toNodeLinkJson } from "./json";
export type { NetworkData, NetworkEdge, NetworkNode, NetworkSource } from "./network-data";

export const NETWORK_FORMATS = ["graphml", "gexf", "nodes.csv", "edges.csv", "json"] as const;
export type NetworkFormat = (typeof NETWORK_FORMATS)[number];

export interface NetworkFile {
  body: string;
  contentType: string;
  fileName: string;
}

const WRITERS: Record<NetworkFormat, { write: (data: NetworkData) => string; contentType: string }> = {
  graphml: { write: toGraphml, contentType: "application/graphml+xml; charset=utf-8" },
  gexf: { write: toGexf, contentType: "application/gexf+xml; charset=utf-8" },
  "nodes.csv": { write: toNodesCsv, contentType: "text/csv; charset=utf-8; header=present" },
  "edges.csv": { write: toEdgesCsv, contentType: "text/csv; charset=utf-8; header=present" },
  json: { write: toNodeLinkJson, contentType: "application/json; charset=utf-8" },
};

export function isNetworkFormat(value: string): value is NetworkFormat {
  return (NETWORK_FORMATS as readonly string[]).includes(value);
}

export function formatNetwork(format: NetworkFormat, data: NetworkData): NetworkFile {
  const writer = WRITERS[format];
  if (!writer) throw new Error(`unknown network format "${format}"; known: ${NETWORK_FORMATS.join(", ")}`);
  return { body: writer.write(data), contentType: writer.contentType, fileName: `network.${format}` };
}
