// Serves the gateway over HTTP on the checked-in supergraph; starts nothing on import.
import { type RunningServer, serve } from "@twingraph/kit";
import { readSupergraph } from "./compose";
import { exportRoutes } from "./export/route";
import { createGatewayServer, type GatewayOptions } from "./gateway";
import { servePlayground } from "./playground";

export const GATEWAY_PORT = 4000;

export async function startGateway(
  port: number,
  options: Partial<GatewayOptions> = {},
  host?: string,
): Promise<RunningServer> {
  const server = createGatewayServer({
    ...options,
    supergraphSdl: options.supergraphSdl ?? readSupergraph(),
  });
  return serve(server, {
    port,
    host,
    context: async () => ({}),
    routes: { "/": servePlayground, ...exportRoutes(server) },
  });
}
