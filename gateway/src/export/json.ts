// JSON in NetworkX's node-link shape, so `networkx.node_link_graph(json.load(f))` gives a MultiGraph
// with every attribute (NetworkX 3.6 and later: pass `edges="links"`). The edge list is "links", the
// name node_link_graph reads by default up to NetworkX 3.5; "key" is the edge's unique id.
// Description and sources sit at the top level for plain JSON readers and again under "graph", which
// NetworkX keeps as the graph's attributes.
import { edgeKeys, type NetworkData } from "./network-data";

export function toNodeLinkJson(data: NetworkData): string {
  const keys = edgeKeys(data);
  const credits = { description: data.description, sources: data.sources };
  return JSON.stringify({
    directed: false,
    multigraph: true,
    graph: credits,
    ...credits,
    nodes: data.nodes.map((n) => ({
      id: n.id,
      name: n.name,
      country: n.countryCode,
      countryName: n.countryName,
      latitude: n.latitude,
      longitude: n.longitude,
      degree: n.degree,
    })),
    links: data.edges.map((e, i) => ({
      key: keys[i],
      source: e.source,
      target: e.target,
      partnership: e.id,
      kind: e.kind,
      status: e.status,
      since: e.since,
      until: e.until,
    })),
  });
}
