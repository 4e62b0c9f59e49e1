// GET /export/network.graphml?country=SI and the other formats: the network view as a file.
import type { ApolloServer, BaseContext } from "@apollo/server";
import { HttpError, type Route } from "@twingraph/kit/http";
import { allowRead } from "../built-file-route";
import { creditLine } from "./credits";
import { formatNetwork, NETWORK_FORMATS, type NetworkFormat } from "./index";
import { fetchNetwork, filterFromParameters, NetworkQueryError } from "./network-query";

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
    return await fetchNetwork(gateway, filterFromParameters(parameters));
  } catch (error) {
    if (error instanceof NetworkQueryError) throw new HttpError(error.status, error.code, error.message);
    throw error;
  }
}
