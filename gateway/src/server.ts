// Serves the gateway over HTTP on the checked-in supergraph; starts nothing on import.
import { corsPolicy, LOCAL_ORIGINS, type RunningServer, serve } from "@twingraph/kit/http";
import { exportRoutes } from "./export/route";
import { createGatewayServer, type GatewayOptions, withEnvironment } from "./gateway";
import { graphiqlRoutes } from "./graphiql/route";
import { readSupergraph } from "./supergraph";
import { widgetRoutes } from "./widget/route";

export const GATEWAY_PORT = 4000;

export async function startGateway(
  port: number,
  options: Partial<GatewayOptions> = {},
  host?: string,
): Promise<RunningServer> {
  const settings = withEnvironment({ ...options, supergraphSdl: options.supergraphSdl ?? readSupergraph() });
  const server = createGatewayServer(settings);
  return serve(server, {
    port,
    host,
    cors: corsPolicy(settings.corsOrigins ?? LOCAL_ORIGINS),
    etags: true,
    context: async () => ({}),
    routes: { ...graphiqlRoutes(), ...exportRoutes(server), ...widgetRoutes() },
  });
}
