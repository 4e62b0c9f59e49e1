// GraphML for NetworkX (read_graphml), igraph and Gephi. Parallel edges stay separate edges, so
// NetworkX reads a MultiGraph whenever two partnerships join the same two cities.
import { sourcesText } from "./credits";
import { edgeKeys, type NetworkData, type NetworkEdge, type NetworkNode } from "./network-data";
import { xmlAttribute, xmlText } from "./xml";

type Value = string | number | null;

interface Key<T> {
  name: string;
  type: "string" | "int" | "double";
  value: (item: T) => Value;
}

// Key ids are the attribute names, unique across nodes, edges and the graph so one id means one thing.
const GRAPH_KEYS: Key<NetworkData>[] = [
  { name: "description", type: "string", value: (data) => data.description },
  { name: "sources", type: "string", value: (data) => sourcesText(data.sources) },
];

// "label" rather than "name": Gephi labels nodes by it, and igraph treats "name" as a unique vertex id.
const NODE_KEYS: Key<NetworkNode>[] = [
  { name: "label", type: "string", value: (node) => node.name },
  { name: "country", type: "string", value: (node) => node.countryCode },
  { name: "countryName", type: "string", value: (node) => node.countryName },
  { name: "latitude", type: "double", value: (node) => node.latitude },
  { name: "longitude", type: "double", value: (node) => node.longitude },
  { name: "degree", type: "int", value: (node) => node.degree },
];

const EDGE_KEYS: Key<NetworkEdge>[] = [
  { name: "partnership", type: "string", value: (edge) => edge.id },
  { name: "kind", type: "string", value: (edge) => edge.kind },
  { name: "status", type: "string", value: (edge) => edge.status },
  { name: "since", type: "string", value: (edge) => edge.since },
  { name: "until", type: "string", value: (edge) => edge.until },
];

function declare<T>(keys: Key<T>[], target: string): string[] {
  return keys.map(
    (key) => `  <key id="${key.name}" for="${target}" attr.name="${key.name}" attr.type="${key.type}"/>`,
  );
}

/** <data> elements for the values that are known: a missing element is GraphML's null. */
function values<T>(keys: Key<T>[], item: T, indent: string): string {
  let out = "";
  for (const key of keys) {
    const value = key.value(item);
    if (value === null) continue;
    out += `\n${indent}<data key="${key.name}">${xmlText(String(value))}</data>`;
  }
  return out;
}

export function toGraphml(data: NetworkData): string {
  const keys = edgeKeys(data);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...declare(GRAPH_KEYS, "graph"),
    ...declare(NODE_KEYS, "node"),
    ...declare(EDGE_KEYS, "edge"),
    `  <graph id="twingraph" edgedefault="undirected">${values(GRAPH_KEYS, data, "    ")}`,
  ];
  for (const node of data.nodes) {
    lines.push(`    <node id="${xmlAttribute(node.id)}">${values(NODE_KEYS, node, "      ")}\n    </node>`);
  }
  data.edges.forEach((edge, i) => {
    const ends = `source="${xmlAttribute(edge.source)}" target="${xmlAttribute(edge.target)}"`;
    lines.push(
      `    <edge id="${xmlAttribute(keys[i])}" ${ends}>${values(EDGE_KEYS, edge, "      ")}\n    </edge>`,
    );
  });
  lines.push("  </graph>", "</graphml>", "");
  return lines.join("\n");
}
