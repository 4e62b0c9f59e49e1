// GET /export/network.graphml?country=SI and the other formats: the network view as a file.
import type { ApolloServer, BaseContext } from "@apollo/server";
import { type Route, sendJson } from "@twingraph/kit/http";
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
    if (request.method !== "GET" && request.method !== "HEAD")
      return sendJson(response, 405, { errors: [{ message: "Exports are read with GET." }] });
    try {
      const data = await fetchNetwork(gateway, filterFromParameters(url.searchParams));
      const file = formatNetwork(format, data);
      response.statusCode = 200;
      response.setHeader("content-type", file.contentType);
      response.setHeader("content-disposition", `attachment; filename="${file.fileName}"`);
      // CSV has no place for credits that every tool skips, so they travel in a header (RFC 8187 encoded)
      response.setHeader("x-credits", encodeURI(creditLine(data)));
      response.end(request.method === "HEAD" ? undefined : file.body);
    } catch (error) {
      if (!(error instanceof NetworkQueryError)) throw error;
      sendJson(response, 400, {
        errors: [{ message: error.message, extensions: { code: "BAD_USER_INPUT" } }],
      });
    }
  };
}
