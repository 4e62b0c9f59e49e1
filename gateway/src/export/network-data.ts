// The network that every export format writes: cities as nodes, one undirected edge per partnership
// and pair of its cities, and the documents it comes from. Built by the caller; formatters only read it.

export interface NetworkNode {
  id: string;
  name: string;
  countryCode: string;
  countryName: string;
  latitude: number | null;
  longitude: number | null;
  degree: number;
}

export interface NetworkEdge {
  /** the partnership's id: a multilateral partnership has one edge per pair of its cities */
  id: string;
  source: string;
  target: string;
  kind: string;
  status: string;
  since: string | null;
  until: string | null;
}

export interface NetworkSource {
  document: string;
  url: string | null;
}

export interface NetworkData {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  sources: NetworkSource[];
  /** what was exported, e.g. "twingraph partnership network, country=SI" */
  description: string;
}

/**
 * One id per edge, unique within the file: the partnership id alone repeats for a multilateral
 * partnership. Throws on a duplicate or an edge whose city is not a node, which would otherwise give
 * files that some tools reject and others read silently wrong.
 */
export function edgeKeys(data: NetworkData): string[] {
  const nodeIds = new Set(data.nodes.map((node) => node.id));
  const seen = new Set<string>();
  return data.edges.map((edge) => {
    for (const end of [edge.source, edge.target]) {
      if (!nodeIds.has(end)) throw new Error(`edge of partnership ${edge.id} names city ${end}, not a node`);
    }
    const key = `${edge.id}:${edge.source}:${edge.target}`;
    if (seen.has(key))
      throw new Error(`partnership ${edge.id} joins ${edge.source} and ${edge.target} twice`);
    seen.add(key);
    return key;
  });
}
