// Reads a network view through the gateway, as any client would, into what the formatters write:
// the agreements subgraph gives the places and links, the cities subgraph their names and coordinates.
import type { ApolloServer, BaseContext } from "@apollo/server";
import type { NetworkData, NetworkSource } from "./network-data";

/** The whole world network has 17,000 places; the agreements subgraph serves up to 100,000 per page. */
const PAGE = 100_000;

const NETWORK_EXPORT = /* GraphQL */ `
  query NetworkExport($filter: NetworkFilter, $first: Int!) {
    network(filter: $filter) {
      description
      nodeCount
      edgeCount
      sources { document url }
      nodes(first: $first) {
        degree
        city { id name latitude longitude country { code name } }
      }
      links(first: $first) {
        partnershipId
        source { id }
        target { id }
        kind
        status
        since
        until
      }
    }
  }
`;

/** Coordinates come from these two, whatever the partnerships' own sources are. */
const COORDINATE_SOURCES: NetworkSource[] = [
  { document: "GeoNames cities500 (CC BY 4.0)", url: "https://www.geonames.org/" },
  {
    document: "Hekman/twincities geocoding of the world twinning file (MIT)",
    url: "https://github.com/Hekman/twincities",
  },
];

export interface NetworkFilterInput {
  country?: string;
  domestic?: boolean;
  kinds?: string[];
  statuses?: string[];
  from?: string;
  to?: string;
}

/**
 * An export the graph refused, with the graph's own message and code: a bad filter is the caller's
 * mistake (400), a subgraph that is down is not (503), and neither is a 500.
 */
export class NetworkQueryError extends Error {
  constructor(
    message: string,
    readonly code = "BAD_USER_INPUT",
  ) {
    super(message);
  }

  get status(): number {
    if (this.code.startsWith("SUBGRAPH_")) return 503;
    return this.code === "INTERNAL_SERVER_ERROR" ? 500 : 400;
  }
}

interface ExportAnswer {
  network: {
    description: string;
    nodeCount: number;
    edgeCount: number;
    sources: NetworkSource[];
    nodes: {
      degree: number;
      city: {
        id: string;
        name: string;
        latitude: number | null;
        longitude: number | null;
        country: { code: string; name: string };
      };
    }[];
    links: {
      partnershipId: string;
      source: { id: string };
      target: { id: string };
      kind: string;
      status: string;
      since: string | null;
      until: string | null;
    }[];
  };
}

export async function fetchNetwork(
  gateway: ApolloServer<BaseContext>,
  filter: NetworkFilterInput,
): Promise<NetworkData> {
  const response = await gateway.executeOperation({
    query: NETWORK_EXPORT,
    variables: { filter, first: PAGE },
  });
  if (response.body.kind !== "single") throw new Error("the gateway answered the export in parts");
  const { data, errors } = response.body.singleResult;
  if (errors?.length) throw queryError(errors);
  const { network } = data as unknown as ExportAnswer;
  if (network.nodes.length < network.nodeCount || network.links.length < network.edgeCount)
    throw new NetworkQueryError(
      `the network has more than ${PAGE} places or links; export a filtered part of it`,
      "EXPORT_TOO_LARGE",
    );
  return {
    description: `twingraph partnership network, ${network.description}`,
    sources: [...network.sources, ...COORDINATE_SOURCES],
    nodes: network.nodes.map(({ degree, city }) => ({
      id: city.id,
      name: city.name,
      countryCode: city.country.code,
      countryName: city.country.name,
      latitude: city.latitude,
      longitude: city.longitude,
      degree,
    })),
    edges: network.links.map((link) => ({
      id: link.partnershipId,
      source: link.source.id,
      target: link.target.id,
      kind: link.kind,
      status: link.status,
      since: link.since,
      until: link.until,
    })),
  };
}

const NETWORK_SIZE = /* GraphQL */ `
  query NetworkExportSize($filter: NetworkFilter) {
    network(filter: $filter) { nodeCount edgeCount }
  }
`;

/**
 * Refuses (EXPORT_TOO_LARGE) a view of more than `maxItems` places and links together, asking only
 * for its size: reading and writing a file of the whole world network takes seconds of the
 * gateway's and the subgraphs' CPU, more than one anonymous request may take.
 */
export async function checkExportSize(
  gateway: ApolloServer<BaseContext>,
  filter: NetworkFilterInput,
  maxItems: number,
): Promise<void> {
  const response = await gateway.executeOperation({ query: NETWORK_SIZE, variables: { filter } });
  if (response.body.kind !== "single") throw new Error("the gateway answered the export's size in parts");
  const { data, errors } = response.body.singleResult;
  if (errors?.length) throw queryError(errors);
  const { nodeCount, edgeCount } = (data as { network: { nodeCount: number; edgeCount: number } }).network;
  if (nodeCount + edgeCount > maxItems)
    throw new NetworkQueryError(
      `This view has ${nodeCount.toLocaleString("en")} places and ${edgeCount.toLocaleString("en")} links; ` +
        `an export over HTTP holds at most ${maxItems.toLocaleString("en")} together. Export a part of it ` +
        "(country, kinds, statuses, from, to), or the whole network with `npm run export` on the server.",
      "EXPORT_TOO_LARGE",
    );
}

function queryError(errors: readonly { message: string; extensions?: Record<string, unknown> }[]) {
  const code = errors[0]?.extensions?.code;
  return new NetworkQueryError(
    errors.map((error) => error.message).join("; "),
    typeof code === "string" ? code : undefined,
  );
}

const FILTER_PARAMETERS = ["country", "domestic", "kinds", "statuses", "from", "to"];

/** `?country=SI&kinds=TWINNING,FRIENDSHIP&from=2000` as a filter; unknown parameters are an error. */
export function filterFromParameters(parameters: URLSearchParams): NetworkFilterInput {
  const unknown = [...parameters.keys()].filter((key) => !FILTER_PARAMETERS.includes(key));
  if (unknown.length > 0)
    throw new NetworkQueryError(
      `unknown parameter(s) ${unknown.join(", ")}; the filter takes ${FILTER_PARAMETERS.join(", ")}`,
    );
  const list = (key: string) =>
    parameters.has(key)
      ? (parameters.get(key) ?? "")
          .split(",")
          .map((value) => value.trim().toUpperCase())
          .filter(Boolean)
      : undefined;
  const text = (key: string) => parameters.get(key) ?? undefined;
  const domestic = text("domestic");
  if (domestic !== undefined && !["true", "false", "1", "0"].includes(domestic))
    throw new NetworkQueryError(`domestic must be true or false, got "${domestic}"`);
  return {
    country: text("country"),
    domestic: domestic === undefined ? undefined : domestic === "true" || domestic === "1",
    kinds: list("kinds"),
    statuses: list("statuses"),
    from: text("from"),
    to: text("to"),
  };
}
