// GEXF for Gephi (and NetworkX's read_gexf), written by graphology-gexf from a multigraph so that
// parallel partnerships stay separate edges. Coordinates are node attributes, not viz positions, so
// that Gephi's GeoLayout can project them.
import { MultiUndirectedGraph } from "graphology";
import { write } from "graphology-gexf";
import { creditLine } from "./credits";
import { edgeKeys, type NetworkData, type NetworkEdge, type NetworkNode } from "./network-data";
import { xmlChars } from "./xml";

// GEXF 1.2draft, not 1.3: NetworkX 2.8 (Debian's python3-networkx) only reads the 1.1 and 1.2 drafts,
// and Gephi reads all of them.
const VERSION = "1.2";
// graphology-gexf declares viz under a mistyped URI for 1.2; no element uses it, but readers that check
// namespaces should see the right one.
const WRONG_VIZ_NAMESPACE = 'xmlns:viz="http:///www.gexf.net/1.1draft/viz"';
const VIZ_NAMESPACE = 'xmlns:viz="http://www.gexf.net/1.2draft/viz"';

// xml-writer escapes markup but passes control characters that XML forbids; every string written
// goes through xmlChars first.
const clean = (value: string | null) => (value === null ? null : xmlChars(value));

export function toGexf(data: NetworkData): string {
  const graph = new MultiUndirectedGraph<NetworkNode, NetworkEdge>();
  // Only creator, description and keywords are GEXF meta elements (pedantic mode keeps to them).
  graph.setAttribute("creator", "twingraph");
  graph.setAttribute("description", xmlChars(creditLine(data)));
  for (const node of data.nodes) graph.addNode(xmlChars(node.id), node);
  const keys = edgeKeys(data);
  data.edges.forEach((edge, i) => {
    graph.addEdgeWithKey(xmlChars(keys[i]), xmlChars(edge.source), xmlChars(edge.target), edge);
  });

  // The writer infers each attribute's type from its values (coordinates that are all whole numbers
  // would be declared integer) and leaves nulls out of the file.
  const gexf = write(graph, {
    version: VERSION,
    pedantic: true,
    formatNode: (_key, node) => ({
      label: xmlChars(node.name),
      attributes: {
        country: clean(node.countryCode),
        countryName: clean(node.countryName),
        latitude: node.latitude,
        longitude: node.longitude,
        degree: node.degree,
      },
    }),
    formatEdge: (_key, edge) => ({
      attributes: {
        partnership: clean(edge.id),
        kind: clean(edge.kind),
        status: clean(edge.status),
        since: clean(edge.since),
        until: clean(edge.until),
      },
    }),
  });
  return gexf.replace(WRONG_VIZ_NAMESPACE, VIZ_NAMESPACE);
}
