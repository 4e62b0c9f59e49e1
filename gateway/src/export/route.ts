// GET /export/network.graphml?country=SI and the other formats: the network view as a file.
import type { ApolloServer, BaseContext } from "@apollo/server";
import { HttpError, type Route } from "@twingraph/kit/http";
import { allowRead } from "../built-file-route";
import { creditLine } from "./credits";
import { formatNetwork, NETWORK_FORMATS, type NetworkFormat } from "./index";
import { checkExportSize, fetchNetwork, filterFromParameters, NetworkQueryError } from "./network-query";

/**
 * Places and links an export over HTTP may hold together. A new view's file costs the gateway about
 * 0.2 ms of CPU per item to read and write in the slowest format (GEXF of the US, 5,600 items: 1.1 s;
 * China, 3,800 items: 0.9 s; the whole world network, 43,600: 2.3 to 2.5 s; test/src/most-expensive.ts),
 * and one anonymous request may take 1 s.
 */
export const MAX_HTTP_EXPORT_ITEMS = 3_000;

/** The path each format is served at. */
export function exportPath(format: NetworkFormat): string {
  return format.endsWith(".csv") ? `/export/${format}` : `/export/network.${format}`;
}

export function exportRoutes(gateway: ApolloServer<BaseContext>): Record<string, Route> {
  return Object.fromEntries(
    NETWORK_FORMATS.map((format) => [exportPath(format), exportRoute(gateway, format)] as const),
  );
}

function exportRoute(gateway: ApolloServer<BaseContext>, format: NetworkFormat): Route {
  return async (request, response, url) => {
    allowRead(request);
    const data = await readNetwork(gateway, url.searchParams);
    const file = formatNetwork(format, data);
    response.statusCode = 200;
    response.setHeader("content-type", file.contentType);
    response.setHeader("content-disposition", `attachment; filename="${file.fileName}"`);
    // CSV has no place for credits that every tool skips, so they travel in a header (RFC 8187 encoded)
    response.setHeader("x-credits", encodeURI(creditLine(data)));
    response.end(request.method === "HEAD" ? undefined : file.body);
  };
}

async function readNetwork(gateway: ApolloServer<BaseContext>, parameters: URLSearchParams) {
  try {
    const filter = filterFromParameters(parameters);
    await checkExportSize(gateway, filter, MAX_HTTP_EXPORT_ITEMS);
    return await fetchNetwork(gateway, filter);
  } catch (error) {
    if (error instanceof NetworkQueryError) throw new HttpError(error.status, error.code, error.message);
    throw error;
  }
}
